"use strict";
// Django's URLify (used to prefill slugs) drops Vietnamese letters: "Huyện" becomes "huyn".
// Strip the accents first, as python-slugify does on the server: "Đài Kim Bảng" -> "dai-kim-bang".
{
    const djangoURLify = window.URLify;
    window.URLify = function (text, maxLength, allowUnicode) {
        const plain = text
            .normalize("NFD")
            .replace(/[\u0300-\u036f]/g, "")
            .replace(/đ/g, "d")
            .replace(/Đ/g, "D");
        return djangoURLify(plain, maxLength, allowUnicode);
    };
}
