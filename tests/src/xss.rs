//! Hostile agent comments for the XSS test: each tries to run script (setting
//! `window.__xss`), load something, or restyle the app. All must render as inert markup.

/// At least 50 payloads: script tags, event handlers, `javascript:` and `data:` URLs, SVG and
/// MathML, CSS tricks, frames and objects, forms, meta and base tags, and mutation-XSS shapes.
pub const PAYLOADS: &[&str] = &[
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=//127.0.0.1:9/x.js></SCRIPT>",
    "<script>/*</script><script>window.__xss=3//*/</script>",
    "<scr<script>ipt>window.__xss=4</scr</script>ipt>",
    "<img src=x onerror=\"window.__xss=5\">",
    "<IMG SRC=\"javascript:window.__xss=6\">",
    "<img src=\"x\" onerror=window.__xss=7 >",
    "<img/src=x/onerror=window.__xss=8>",
    "<svg onload=\"window.__xss=9\"></svg>",
    "<svg><script>window.__xss=10</script></svg>",
    "<svg><animate onbegin=window.__xss=11 attributeName=x dur=1s>",
    "<svg><a xlink:href=\"javascript:window.__xss=12\"><text x=20 y=20>click</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=13>",
    "<a href=\"javascript:window.__xss=14\">click me</a>",
    "<a href=\"JaVaScRiPt:window.__xss=15\">mixed case</a>",
    "<a href=\"&#106;avascript:window.__xss=16\">entity</a>",
    "<a href=\"jav&#x09;ascript:window.__xss=17\">tab</a>",
    "<a href=\" javascript:window.__xss=18\">space</a>",
    "<a href=\"vbscript:msgbox(19)\">vbscript</a>",
    "<a href=\"data:text/html,<script>window.__xss=20</script>\">data url</a>",
    "<a href=\"https://example.com\" onclick=\"window.__xss=21\">handler on a good link</a>",
    "<a href=\"https://example.com\" onmouseover=\"window.__xss=22\">hover</a>",
    "<p onmouseover=\"window.__xss=23\">hover paragraph</p>",
    "<div onfocus=\"window.__xss=24\" tabindex=0 autofocus>autofocus</div>",
    "<input onfocus=\"window.__xss=25\" autofocus>",
    "<details open ontoggle=\"window.__xss=26\"><summary>x</summary></details>",
    "<body onload=\"window.__xss=27\">",
    "<iframe src=\"javascript:window.parent.__xss=28\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__xss=29</script>\"></iframe>",
    "<object data=\"javascript:window.__xss=30\"></object>",
    "<embed src=\"javascript:window.__xss=31\">",
    "<form action=\"javascript:window.__xss=32\"><button>send</button></form>",
    "<button formaction=\"javascript:window.__xss=33\">go</button>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=34\">",
    "<base href=\"javascript:window.__xss=35//\"><a href=\"/x\">base</a>",
    "<link rel=\"stylesheet\" href=\"javascript:window.__xss=36\">",
    "<style>body{background:url(\"javascript:window.__xss=37\")}</style>",
    "<style>*{display:none !important}</style>",
    "<div style=\"position:fixed;inset:0;background:red\">overlay</div>",
    "<div style=\"background-image:url(javascript:window.__xss=40)\">css url</div>",
    "<p style=\"behavior:url(x.htc)\">behavior</p>",
    "<video><source onerror=\"window.__xss=42\"></video>",
    "<audio src=x onerror=\"window.__xss=43\"></audio>",
    "<marquee onstart=\"window.__xss=44\">old</marquee>",
    "<table background=\"javascript:window.__xss=45\"><tr><td>t</td></tr></table>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=46>\">",
    "<template><script>window.__xss=47</script></template>",
    "<!--<img src=x onerror=window.__xss=48>-->",
    "<a href=\"https://example.com\" target=\"_self\" rel=\"opener\">opener</a>",
    "<img src=\"https://tracker.example.com/pixel.gif\" width=1 height=1>",
    "\"><script>window.__xss=51</script>",
    "<select><option><img src=x onerror=window.__xss=52></option></select>",
    "<keygen autofocus onfocus=\"window.__xss=53\">",
    "<isindex type=image src=1 onerror=\"window.__xss=54\">",
    "<a href=\"https://example.com/ok\">a <strong>harmless</strong> link</a>",
];

/// Runs in the webview after the comments render; returns what got through, or an empty list.
pub const INERT_CHECK: &str = r#"
const problems = [];
if (window.__xss !== undefined) problems.push('script ran: window.__xss=' + window.__xss);
const bodies = document.querySelectorAll('[data-testid="comment-body"]');
if (bodies.length === 0) problems.push('no comment bodies rendered');
const banned = 'script,iframe,object,embed,svg,math,style,link,meta,base,form,img,video,audio,input,button,template,noscript,select,keygen,isindex,marquee';
for (const body of bodies) {
  for (const element of body.querySelectorAll(banned)) problems.push('element <' + element.tagName + '>');
  for (const element of body.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) problems.push('handler ' + name + ' on <' + element.tagName + '>');
      if (name === 'style' || name === 'srcdoc' || name === 'formaction' || name === 'background') problems.push('attribute ' + name);
      if (/^(javascript|vbscript|data):/.test(value)) problems.push(name + '=' + attribute.value);
    }
  }
}
const overlay = [...document.querySelectorAll('div')].some(d => getComputedStyle(d).backgroundColor === 'rgb(255, 0, 0)');
if (overlay) problems.push('a red overlay was styled');
return problems;
"#;
