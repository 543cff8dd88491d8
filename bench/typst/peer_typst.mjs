// peer_typst.mjs — the modern peer of bench/run.sh: the same brief's text and key-figure table
// as a Typst document, compiled to PDF by @myriaddreamin/typst-ts-node-compiler 0.7.0 in one
// Node process over the batch (fonts parsed once, the compiler's caches kept warm between
// documents, as a long-running service would), one PDF per profile.
//
// Usage: node peer_typst.mjs -o OUT_DIR PROFILE.json|DIR ...
// Install once: (cd bench/typst && npm install)   # node_modules is not committed
//
// The document: A4, GB/T 9704 text block (28 mm binding side, 37 mm top, 156 x 225 mm), the
// same TrueType files as dossier and the Python peer (AR PL UMing body (face 0, TW MBE, as
// the Python peer: Typst resolves the name "AR PL UMing CN" to UKai) 16 pt with a
// two-character indent, WenQuanYi Zen Hei title 22 pt and level-1 headings, AR PL UKai CN
// subtitle and level-2 headings), the key-figures table (name, figure, unit, period), every
// document's sections and paragraphs, and page numbers. No charts and no full indicator
// table: the issue asks for the brief's text and table.
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
let out = "out-typst";
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "-o") out = args[++i];
  else inputs.push(args[i]);
}
const files = [];
for (const p of inputs) {
  if (fs.statSync(p).isDirectory()) {
    for (const n of fs.readdirSync(p).sort())
      if (n.endsWith(".json") && !n.startsWith(".")) files.push(path.join(p, n));
  } else {
    files.push(p);
  }
}
fs.mkdirSync(out, { recursive: true });

// A Typst string literal.
const str = (s) => '"' + String(s ?? "").replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';

function sections(doc) {
  const outl = [];
  const rec = (list, level) => {
    for (const s of list || []) {
      outl.push([level, ((s.marker || "") + (s.title || "")).trim(),
                 (s.paragraphs || []).filter((p) => typeof p === "string")]);
      rec(s.sections, level + 1);
    }
  };
  if (doc.paragraphs) outl.push([1, "", doc.paragraphs.filter((p) => typeof p === "string")]);
  rec(doc.sections, 1);
  return outl;
}

function source(p) {
  const t = [];
  t.push('#set page(paper: "a4", margin: (left: 28mm, top: 37mm, right: 26mm, bottom: 35mm),',
         '  footer: context align(if calc.odd(here().page()) { right } else { left },',
         '    text(size: 14pt, font: "AR PL UMing TW MBE")[— #counter(page).display() —]))');
  t.push('#set text(font: "AR PL UMing TW MBE", size: 16pt, lang: "zh")');
  t.push('#set par(first-line-indent: (amount: 2em, all: true), justify: true, leading: 12.6pt)');
  t.push('#align(center, text(font: "WenQuanYi Zen Hei", size: 22pt)[#' + str(p.name?.zh) + '])');
  if (p.subtitle) t.push('#align(center, text(font: "AR PL UKai CN")[#' + str(p.subtitle) + '])');
  t.push('#align(center, text(font: "AR PL UKai CN")[#' + str("截至 " + (p.as_of || "")) + '])');
  const byId = new Map((p.indicators || []).map((i) => [i.id, i]));
  if (p.key_figures?.length) {
    const cells = ['[指标]', '[数值]', '[单位]', '[时期]'];
    for (const k of p.key_figures) {
      const i = byId.get(k) || {};
      cells.push('[#' + str(i.name) + ']', '[#' + str(i.value ?? "") + ']',
                 '[#' + str(i.unit) + ']', '[#' + str(i.period) + ']');
    }
    t.push('#set par(first-line-indent: 0pt)');
    t.push('#text(size: 10.5pt, table(columns: (70mm, 30mm, 26mm, 30mm), ' + cells.join(", ") + '))');
    t.push('#set par(first-line-indent: (amount: 2em, all: true))');
  }
  for (const doc of p.documents || []) {
    t.push('#block(text(font: "WenQuanYi Zen Hei")[#' + str(doc.title) + '])');
    for (const [level, head, paras] of sections(doc)) {
      if (head)
        t.push('#block(text(font: "' + (level === 1 ? "WenQuanYi Zen Hei" : "AR PL UKai CN") +
               '")[#' + str(head) + '])');
      for (const para of paras) t.push('#' + str(para) + '\n');
    }
  }
  return t.join("\n") + "\n";
}

const fontDir = "/usr/share/fonts/truetype";
const compiler = NodeCompiler.create({
  workspace: out,
  fontArgs: [{ fontPaths: [fontDir + "/arphic", fontDir + "/wqy"] }],
});
let failed = 0;
for (const f of files) {
  const p = JSON.parse(fs.readFileSync(f, "utf8"));
  try {
    const pdf = compiler.pdf({ mainFileContent: source(p) });
    fs.writeFileSync(path.join(out, p.id + ".pdf"), pdf);
  } catch (e) {
    failed++;
    console.error(f + ": " + (e.message || e));
  }
  compiler.evictCache(10);
}
process.exit(failed ? 1 : 0);
