"use strict";
// Django's URLify (used to prefill slugs) drops Vietnamese letters: "Huyện" becomes "huyn".
// Strip the accents first, as python-slugify does on the server: "Đài Kim Bảng" -> "dai-kim-bang";
// and keep the digits of a decimal comma apart, as the server does: "3,2 tỷ" -> "3-2-ty".
{
    const djangoURLify = window.URLify;
    window.URLify = function (text, maxLength, allowUnicode) {
        const plain = text
            .normalize("NFD")
            .replace(/[\u0300-\u036f]/g, "")
            .replace(/đ/g, "d")
            .replace(/Đ/g, "D")
            .replace(/(\d),(?=\d)/g, "$1-");
        return djangoURLify(plain, maxLength, allowUnicode);
    };
}
