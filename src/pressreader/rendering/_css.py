"""The reader view's inline style sheet and script (no external requests).

Numbers come from ``shared/ACCESSIBILITY.md``: sizes in rem, a line capped at
``measure`` characters, line height and paragraph spacing from the options
(paragraph spacing 1.5 × the line height), left-aligned text, 7:1 text
contrast in every theme (links and secondary text too), 3:1 focus rings and
44 × 44 px controls.

    >>> from pressreader.rendering.options import RenderOptions
    >>> css = stylesheet(RenderOptions(size=2.5))
    >>> "--size: 2.5rem;" in css and "text-align: left" in css
    True
"""

from __future__ import annotations

from .options import FONT_STACKS, NAMED_SIZES, RenderOptions

__all__ = ["READ_ALONG_SCRIPT", "READ_ALONG_THEMES", "SCRIPT", "THEMES", "read_along_stylesheet", "stylesheet"]

#: Colours per theme. Every text colour is at least 7:1 against ``bg`` (checked
#: by tests/rendering/test_html.py and in the browser); ``focus`` and ``rule`` at least 3:1.
THEMES: dict[str, dict[str, str]] = {
    "default": {
        "scheme": "light",
        "bg": "#ffffff",
        "fg": "#1b1b1b",
        "muted": "#3b3b3b",
        "link": "#0b3d91",
        "focus": "#0b3d91",
        "rule": "#595959",
    },
    "high-contrast": {
        "scheme": "dark",
        "bg": "#000000",
        "fg": "#ffff00",
        "muted": "#ffffff",
        "link": "#00ffff",
        "focus": "#ffffff",
        "rule": "#ffff00",
    },
    "dark": {
        "scheme": "dark",
        "bg": "#121212",
        "fg": "#ececec",
        "muted": "#d0d0d0",
        "link": "#a8d1ff",
        "focus": "#ffd166",
        "rule": "#9a9a9a",
    },
    "cream": {
        "scheme": "light",
        "bg": "#fbf3d9",
        "fg": "#2b2b2b",
        "muted": "#3d3d3d",
        "link": "#0f3a73",
        "focus": "#7a3b00",
        "rule": "#6b5e3c",
    },
}


def _theme_vars(name: str) -> str:
    colours = THEMES[name]
    lines = [f"color-scheme: {colours['scheme']};"]
    lines += [f"--{key}: {value};" for key, value in colours.items() if key != "scheme"]
    return " ".join(lines)


def _rem(value: float) -> str:
    return f"{value:g}rem"


#: The rules that do not depend on the options: layout, controls, quotes, motion, forced colours, print.
_RULES = """\
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--bg); color: var(--fg); -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font-family: var(--font);
  font-size: var(--size);
  line-height: var(--lh);
  letter-spacing: var(--ls);
  word-spacing: var(--ws);
  text-align: left;
  overflow-wrap: break-word;
  hyphens: manual;
}
/* ch is the width of "0"; proportional text fits about 1/0.85 as many characters, so a
   measure of 70 gives lines of about 70 characters. */
.page { max-width: calc(var(--measure) * 0.85 + 2rem); margin: 0 auto; padding: 0 1rem 2rem; }
p, ul, figure, blockquote { margin: 0 0 calc(var(--lh) * 1.5em); }
h1, h2 { font-weight: bold; line-height: 1.3; margin: 0 0 calc(var(--lh) * 0.75em); }
h1 { font-size: 1.5em; }
h2 { font-size: 1.25em; margin-top: calc(var(--lh) * 1.5em); }
em, i, cite { font-style: normal; font-weight: bold; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible, main:focus-visible {
  outline: 0.2rem solid var(--focus);
  outline-offset: 0.15rem;
}
main:focus { outline: none; }
main:focus-visible { outline-offset: 0.5rem; }
.skip {
  position: absolute;
  left: 0.5rem;
  top: -100em;
  z-index: 1;
  display: inline-block;
  min-height: 44px;
  padding: 0.5rem 1rem;
  background: var(--bg);
  color: var(--link);
  border: 0.2rem solid var(--focus);
}
.skip:focus { top: 0.5rem; }
header { padding: 1rem 0; margin-bottom: 1rem; border-bottom: 0.125rem solid var(--rule); }
header p { margin: 0 0 0.5rem; font-weight: bold; }
/* The controls follow the text size up to 2rem, so they stay on screen at any size. */
.controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; font-size: min(var(--size), 2rem); }
.control { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.control-label { font-weight: bold; }
/* On a narrow screen the controls fold behind one "Reading options" button (the script decides),
   so the headline is on the first screen even at the largest size. */
.options-toggle { font-size: min(var(--size), 2rem); margin-bottom: 0.5rem; }
/* On a phone the site name and the button stay large print (1.5rem, 18 pt) but short, below the headline's size. */
@media (max-width: 40em) { header p, .options-toggle { font-size: min(var(--size), 1.5rem); } }
.twisty::after { content: " ▸"; }
[aria-expanded="true"] .twisty::after { content: " ▾"; }
button {
  font: inherit;
  letter-spacing: inherit;
  word-spacing: inherit;
  line-height: 1.2;
  min-width: 44px;
  min-height: 44px;
  padding: 0.3em 0.7em;
  color: var(--fg);
  background: var(--bg);
  border: 0.125rem solid var(--fg);
  border-radius: 0.3rem;
  cursor: pointer;
  overflow-wrap: anywhere;
}
button[aria-pressed="true"] {
  color: var(--bg);
  background: var(--fg);
  font-weight: bold;
  box-shadow: inset 0 0 0 0.15rem var(--bg);
}
.glyph { font-weight: bold; }
.glyph-standard { font-size: 0.85em; }
.glyph-large { font-size: 1.1em; }
.glyph-largest { font-size: 1.35em; }
.vh {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0; border: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
.meta { color: var(--muted); }
figure.quote { padding-left: 1em; border-left: 0.3em solid var(--rule); }
figure.quote blockquote { margin: 0; }
figure.quote blockquote p:last-child { margin-bottom: calc(var(--lh) * 0.5em); }
figcaption { font-weight: bold; }
.lead-image img { display: block; max-width: 100%; height: auto; }
.notes { border-top: 0.125rem solid var(--rule); }
.articles { list-style: none; padding: 0; }
.articles > li { margin: 0 0 calc(var(--lh) * 1.5em); }
.articles h2 { margin-top: 0; }
.articles p { margin-bottom: 0.5em; }
footer { margin-top: 2rem; padding-top: 1rem; border-top: 0.125rem solid var(--rule); }
@media (prefers-reduced-motion: no-preference) {
  html { scroll-behavior: smooth; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after {
    animation: none !important;
    transition: none !important;
    scroll-behavior: auto !important;
  }
}
@media (forced-colors: active) {
  button[aria-pressed="true"] { outline: 0.2rem solid ButtonText; outline-offset: 0.15rem; }
}
@media print {
  html, body { background: #ffffff; color: #000000; }
  body { font-size: max(18pt, var(--size)); }
  .page { max-width: none; padding: 0; }
  .skip, .controls, .options-toggle { display: none !important; }
  a { color: #000000; }
  a[href^="http"]::after { content: " (" attr(href) ")"; overflow-wrap: anywhere; }
  h1, h2, figcaption { break-after: avoid; }
  p, figure { orphans: 3; widows: 3; }
}
"""


def stylesheet(options: RenderOptions) -> str:
    """The complete inline CSS for a page rendered with ``options``.

    >>> "--measure: 60ch;" in stylesheet(RenderOptions(measure=60))
    True
    """
    size_rules = "\n".join(f'html[data-size="{name}"] {{ --size: {_rem(rem)}; }}' for name, rem in NAMED_SIZES.items())
    theme_rules = "\n".join(f'html[data-theme="{name}"] {{ {_theme_vars(name)} }}' for name in THEMES)
    return f"""\
:root {{
  --size: {_rem(options.size_rem)};
  --lh: {options.line_spacing:g};
  --ls: {options.letter_spacing:g}em;
  --ws: {options.word_spacing:g}em;
  --measure: {options.measure}ch;
  --font: {FONT_STACKS[options.font]};
  {_theme_vars("default")}
}}
{size_rules}
{theme_rules}
@media (prefers-color-scheme: dark) {{
  html[data-theme="default"] {{ {_theme_vars("dark")} }}
}}
{_RULES}"""


#: Progressive enhancement: the controls start ``hidden`` and the script shows
#: them, applies a remembered choice and keeps ``aria-pressed`` true to the page.
#: On a screen narrower than 40em it shows a "Reading options" button instead,
#: which opens and closes them (``aria-expanded``).
SCRIPT = """\
(function () {
  "use strict";
  var root = document.documentElement;
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* private mode: not kept */ }
  }
  function control(name) {
    var key = "pressreader." + name;
    var buttons = document.querySelectorAll("button[data-" + name + "]");
    function show(value) {
      root.setAttribute("data-" + name, value);
      for (var i = 0; i < buttons.length; i++) {
        var pressed = buttons[i].getAttribute("data-" + name) === value;
        buttons[i].setAttribute("aria-pressed", pressed ? "true" : "false");
      }
    }
    var saved = load(key);
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].getAttribute("data-" + name) === saved) { show(saved); }
      buttons[i].addEventListener("click", function (event) {
        var value = event.currentTarget.getAttribute("data-" + name);
        show(value);
        save(key, value);
      });
    }
  }
  control("size");
  control("theme");
  var panel = document.getElementById("controls");
  var toggle = document.getElementById("options-toggle");
  if (!panel) { return; }
  // Narrow screens (a phone, or a window zoomed to 400 %): the controls fold behind one button.
  var narrow = toggle && window.matchMedia ? window.matchMedia("(max-width: 40em)") : null;
  function layout() {
    if (narrow && narrow.matches) {
      toggle.hidden = false;
      panel.hidden = toggle.getAttribute("aria-expanded") !== "true";
    } else {
      if (toggle) { toggle.hidden = true; }
      panel.hidden = false;
    }
  }
  if (narrow) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      layout();
    });
    if (narrow.addEventListener) { narrow.addEventListener("change", layout); } else { narrow.addListener(layout); }
  }
  layout();
}());
"""


#: Read-along highlight colours per theme: ``sentence`` is the current sentence's
#: background (text on it at least 7:1), ``line`` its dashed underline and ``word`` the
#: current word's outline and underline (both at least 3:1 against the page and the
#: sentence background). Checked by tests/speech/test_readalong.py.
READ_ALONG_THEMES: dict[str, dict[str, str]] = {
    "default": {"sentence": "#fff3b0", "line": "#595959", "word": "#0b3d91"},
    "high-contrast": {"sentence": "#1a1a66", "line": "#ffffff", "word": "#00ffff"},
    "dark": {"sentence": "#3d3500", "line": "#b0b0b0", "word": "#ffd166"},
    "cream": {"sentence": "#f5e08f", "line": "#5e5232", "word": "#0f3a73"},
}


def _read_along_vars(name: str) -> str:
    return " ".join(f"--ra-{key}: {value};" for key, value in READ_ALONG_THEMES[name].items())


def read_along_stylesheet() -> str:
    """The player's and the highlights' CSS, appended to the page style in read-along mode.

    The sentence is shown by a background and a dashed underline, the word by
    a solid outline and underline: two shapes, so neither relies on colour.

    >>> ".ra-w.ra-word-now" in read_along_stylesheet()
    True
    """
    themes = "\n".join(f'html[data-theme="{name}"] {{ {_read_along_vars(name)} }}' for name in READ_ALONG_THEMES)
    return f"""
:root {{ {_read_along_vars("default")} }}
{themes}
@media (prefers-color-scheme: dark) {{
  html[data-theme="default"] {{ {_read_along_vars("dark")} }}
}}
.player {{ display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin-top: 1rem;
  font-size: min(var(--size), 2rem); }}
.player select {{ font: inherit; min-height: 44px; min-width: 44px; color: var(--fg); background: var(--bg);
  border: 0.125rem solid var(--fg); border-radius: 0.3rem; padding: 0.2em 0.4em; }}
.player select:focus-visible {{ outline: 0.2rem solid var(--focus); outline-offset: 0.15rem; }}
.player .clock {{ font-variant-numeric: tabular-nums; }}
.ra-s.ra-now {{
  background: var(--ra-sentence);
  border-bottom: 0.15em dashed var(--ra-line);
  -webkit-box-decoration-break: clone;
  box-decoration-break: clone;
}}
.ra-w.ra-word-now {{
  outline: 0.15em solid var(--ra-word);
  outline-offset: 0.05em;
  text-decoration: underline 0.12em var(--ra-word);
  text-underline-offset: 0.25em;
}}
@media (forced-colors: active) {{
  .ra-s.ra-now {{ border-bottom-color: CanvasText; }}
  .ra-w.ra-word-now {{ outline-color: Highlight; text-decoration-color: Highlight; }}
}}
@media print {{ .player {{ display: none !important; }} }}
"""


#: The read-along player: never starts on its own; highlights the sentence and word at
#: the audio's current time (on every frame while playing, and after any seek); keeps
#: them in view unless the reader scrolled in the last few seconds; smooth scrolling
#: only without prefers-reduced-motion.
READ_ALONG_SCRIPT = """\
(function () {
  "use strict";
  var audio = document.getElementById("ra-audio");
  var source = document.getElementById("ra-timing");
  var player = document.getElementById("player");
  if (!audio || !source || !player) { return; }
  var data = JSON.parse(source.textContent);
  var S = data.s, W = data.w;
  var play = document.getElementById("ra-play");
  var prev = document.getElementById("ra-prev");
  var next = document.getElementById("ra-next");
  var speed = document.getElementById("ra-speed");
  var clock = document.getElementById("ra-clock");
  var status = document.getElementById("ra-status");
  var root = document.documentElement;
  var current = {s: null, w: null};
  var userUntil = 0;
  var pending = null;
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  function find(list, t) {
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid][0] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function at(list, t) {
    var i = find(list, t);
    return i >= 0 && t < list[i][1] ? i : -1;
  }
  function swap(kind, id, cls) {
    if (current[kind] === id) { return false; }
    var old = current[kind] && document.getElementById(current[kind]);
    if (old) { old.classList.remove(cls); }
    var now = id && document.getElementById(id);
    if (now) { now.classList.add(cls); }
    current[kind] = id;
    return true;
  }
  function time(t) {
    var s = Math.max(0, Math.floor(t));
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }
  function keepInView(id, force) {
    if (!id || (!force && (audio.paused || Date.now() < userUntil))) { return; }
    var el = document.getElementById(id);
    if (!el) { return; }
    var r = el.getBoundingClientRect(), h = window.innerHeight;
    if (r.top >= h * 0.15 && r.bottom <= h * 0.75) { return; }
    el.scrollIntoView({block: "center", behavior: reduce && reduce.matches ? "auto" : "smooth"});
  }
  function now() { return pending === null ? audio.currentTime : pending; }
  function update(force) {
    var t = now();
    var s = at(S, t), w = at(W, t);
    var sid = s >= 0 ? S[s][2] : null, wid = w >= 0 ? W[w][2] : null;
    swap("s", sid, "ra-now");
    if (swap("w", wid, "ra-word-now") || force === true) { keepInView(wid || sid, force === true); }
    root.setAttribute("data-ra-word", wid || "");
    root.setAttribute("data-ra-sentence", sid || "");
    clock.textContent = time(t) + " / " + time(data.d);
  }
  function frame() {
    update();
    if (!audio.paused) { window.requestAnimationFrame(frame); }
  }
  function show(playing) {
    play.textContent = playing ? "Pause" : "Play";
  }
  function seek(t) {
    t = Math.max(0, Math.min(t, data.d));
    // One seek at a time: Chromium never finishes a seek back to the target of a seek
    // still in progress (Next then Previous, pressed quickly), and the audio stays silent.
    if (audio.seeking) { pending = t; } else { pending = null; audio.currentTime = t; }
    update(true);
  }
  play.addEventListener("click", function () {
    if (audio.paused) {
      var started = audio.play();
      if (started && started.catch) {
        started.catch(function (error) { status.textContent = "The audio could not be played: " + error.message; });
      }
    } else {
      audio.pause();
    }
  });
  prev.addEventListener("click", function () {
    var t = now(), i = find(S, t);
    if (i > 0 && t - S[i][0] < 1.5) { i -= 1; }
    seek(i >= 0 ? S[i][0] : 0);
  });
  next.addEventListener("click", function () {
    var i = find(S, now());
    if (i + 1 < S.length) { seek(S[i + 1][0]); }
  });
  speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value) || 1; });
  audio.addEventListener("play", function () { show(true); window.requestAnimationFrame(frame); });
  audio.addEventListener("pause", function () { show(false); update(); });
  audio.addEventListener("ended", function () { show(false); update(); });
  audio.addEventListener("seeked", function () {
    if (pending !== null) {
      var t = pending;
      pending = null;
      if (Math.abs(audio.currentTime - t) > 0.0005) { audio.currentTime = t; }
    }
    update();
  });
  audio.addEventListener("timeupdate", function () { update(); });
  audio.addEventListener("error", function () { status.textContent = "The audio file could not be loaded."; });
  function reader() { userUntil = Date.now() + 4000; }
  window.addEventListener("wheel", reader, {passive: true});
  window.addEventListener("touchmove", reader, {passive: true});
  window.addEventListener("keydown", function (event) {
    var keys = ["PageUp", "PageDown", "ArrowUp", "ArrowDown", "Home", "End", " "];
    var tag = event.target && event.target.tagName;
    if (keys.indexOf(event.key) >= 0 && tag !== "BUTTON" && tag !== "SELECT") { reader(); }
  });
  player.hidden = false;
  update();
}());
"""
