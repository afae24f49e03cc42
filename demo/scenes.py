"""The scenes a district newsroom photographs, by name, and `render` to draw one as a JPEG.

The seed varies the layout, colours and crowd, so two photos of one scene in one article differ.
"""

import random
from functools import partial

from .gatherings import ceremony, clinic, hall, office, school
from .outdoor import fields, river, road, temple, village
from .pictures import finish, jpeg_bytes

SCENES = {
    "harvest": partial(fields, ripe=True),
    "paddy": partial(fields, ripe=False),
    "meeting": hall,
    "defence_meeting": partial(hall, uniforms=True),
    "award": partial(hall, award=True),
    "school": school,
    "clinic": clinic,
    "road_works": partial(road, works=True),
    "country_road": partial(road, works=False),
    "office": office,
    "river": river,
    "temple": temple,
    "ceremony": ceremony,
    "village": village,
}


def render(scene: str, seed: int) -> bytes:
    """JPEG bytes of `scene` (a key of SCENES), always the same for the same seed."""
    rng = random.Random(f"{scene}:{seed}")
    return jpeg_bytes(finish(SCENES[scene](rng)))
