// Unit tests of the widget loader's attribute checks: `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { options, embedUrl } = require("../../static/widget.js");

const attrs = (map) => (name) => (name in map ? map[name] : null);

test("a hostile accent is rejected, a colour is kept", () => {
  for (const hostile of ["red;}body{display:none", "#ff0000;x", "url(javascript:x)", "#12345", "1px solid", "expression(1)"]) {
    assert.strictEqual(options(attrs({ "data-event": "fete-ab12cd", "data-accent": hostile })).accent, "", hostile);
  }
  assert.strictEqual(options(attrs({ "data-event": "fete-ab12cd", "data-accent": "#0b5cad" })).accent, "#0b5cad");
  assert.strictEqual(options(attrs({ "data-event": "fete-ab12cd", "data-accent": "orange" })).accent, "orange");
});

test("the event slug is required and checked", () => {
  assert.strictEqual(options(attrs({})), null);
  assert.strictEqual(options(attrs({ "data-event": "../admin" })), null);
  assert.strictEqual(options(attrs({ "data-event": "x\"onload=" })), null);
  assert.ok(options(attrs({ "data-event": "fete-du-club-ab12cd" })));
});

test("language and height fall back to safe values", () => {
  const o = options(attrs({ "data-event": "fete-ab12cd", "data-lang": "pt", "data-height": "99999" }));
  assert.strictEqual(o.lang, "");
  for (const lang of ["fr", "en", "de", "nl", "it", "es"]) {
    assert.strictEqual(options(attrs({ "data-event": "fete-ab12cd", "data-lang": lang })).lang, lang);
  }
  assert.strictEqual(options(attrs({ "data-event": "fete-ab12cd", "data-lang": "en\"x" })).lang, "");
  assert.strictEqual(o.height, 520);
  assert.strictEqual(options(attrs({ "data-event": "fete-ab12cd", "data-height": "300" })).height, 300);
});

test("the iframe address carries only checked values", () => {
  const o = options(attrs({ "data-event": "fete-ab12cd", "data-lang": "en", "data-accent": "#f80" }));
  assert.strictEqual(embedUrl("https://covoit.example", o), "https://covoit.example/embed/fete-ab12cd?lang=en&accent=%23f80");
});
