// The body editor's "Photo of this article" button: puts one of the article's saved photos
// (the photo list below the form) in the body, at the cursor, as the editor's own captioned
// image. The body keeps the photo by its address, /anh/<id>/ (news/body_photos.py), so the
// page draws it with its copies, caption and credit; saving takes its caption and alternative
// text from the body. A CKEditor 5 plugin given as a function (settings.CKEDITOR_5_CONFIGS,
// "extraPlugins": the bundle of django-ckeditor-5 is used as it is, not rebuilt).
"use strict";

(function () {
  // The admin's JavaScript catalogue (jsi18n) defines gettext; English without it.
  const gettext = window.gettext || ((text) => text);

  // The saved photos of the photo list, with what is typed in their rows now.
  function savedPhotos() {
    return [...document.querySelectorAll(".inline-related")].flatMap((row) => {
      const id = row.querySelector('input[name$="-id"]')?.value;
      if (!id || row.querySelector('input[name$="-DELETE"]')?.checked) {
        return [];
      }
      const value = (name) => row.querySelector(`[name$="-${name}"]`)?.value.trim() || "";
      return [
        {
          id,
          caption: value("caption"),
          alt: value("alt_text"),
          thumbnail: row.querySelector(".field-preview img")?.getAttribute("src") || "",
        },
      ];
    });
  }

  function escapeHtml(text) {
    const element = document.createElement("span");
    element.textContent = text;
    return element.innerHTML.replaceAll('"', "&quot;");
  }

  function insertPhoto(editor, photo) {
    const html =
      `<figure class="image"><img src="/anh/${encodeURIComponent(photo.id)}/"` +
      ` alt="${escapeHtml(photo.alt)}"><figcaption>${escapeHtml(photo.caption)}</figcaption>` +
      "</figure>";
    const content = editor.data.toModel(editor.data.processor.toView(html));
    editor.model.change(() => editor.model.insertContent(content));
    editor.editing.view.focus();
  }

  function element(tag, properties = {}, ...children) {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
  }

  function openPicker(editor) {
    const photos = savedPhotos();
    const dialog = element("dialog", { className: "article-photo-picker" });
    const heading = element("h2", { id: "article-photo-picker-title" }, gettext("Photos of this article"));
    dialog.setAttribute("aria-labelledby", heading.id);
    dialog.append(heading);
    if (photos.length === 0) {
      dialog.append(
        element(
          "p",
          {},
          // prettier-ignore
          gettext("This article has no saved photo yet. Upload one with the image button, or add photos in the photo list and save the article first."),
        ),
      );
    } else {
      const list = element("ul");
      for (const photo of photos) {
        const choose = element("button", { type: "button" });
        if (photo.thumbnail) {
          choose.append(element("img", { src: photo.thumbnail, alt: "" }));
        }
        choose.append(element("span", {}, photo.caption || gettext("(no caption yet)")));
        choose.addEventListener("click", () => {
          dialog.close();
          insertPhoto(editor, photo);
        });
        list.append(element("li", {}, choose));
      }
      dialog.append(list);
    }
    const cancel = element("button", { type: "button", className: "article-photo-picker__cancel" }, gettext("Cancel"));
    cancel.addEventListener("click", () => dialog.close());
    dialog.append(cancel);
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }

  window.PortalArticlePhotos = function (editor) {
    editor.ui.componentFactory.add("articlePhotos", (locale) => {
      // The bundle does not export its button class; the bold button is one.
      const ButtonView = editor.ui.componentFactory.create("bold").constructor;
      const button = new ButtonView(locale);
      button.set({ label: gettext("Photo of this article"), withText: true, tooltip: true });
      button.on("execute", () => openPicker(editor));
      return button;
    });
  };
})();
