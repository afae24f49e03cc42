"""Demo content for development, tests and benchmarks: never part of the production image.

`manage.py load_demo` fills a site with invented articles, painted photos and accounts with
public passwords; `manage.py make_archive` generates an archive of any size (bench/, the scale
test). .dockerignore leaves this folder out of the image, and portal/settings.py installs the
app only where it exists; nothing in news/ or portal/ imports it (tests/test_image_contents.py).
"""
