/**
 * Word's automatic numbering, written into the text as Word displays it. A paragraph Word shows as
 * "2.1 …", "(a) …" or "一、…" often holds only "…": the number is computed by Word from a `w:numPr`
 * (a numbering instance and a level, on the paragraph or its style) and the counters and formats
 * of numbering.xml. mammoth keeps only whether a level is ordered (it writes `<ol><li>`, which the
 * HTML path numbers by position within the list), so headings lost their numbers and paragraphs
 * got the wrong ones ("(a)" became "1.", a list continued after a heading restarted at 1), and
 * citations to them could not resolve.
 *
 * Decision: compute each number here, as Word does, and write it at the start of the paragraph's
 * text in document.xml (with the paragraph's numbering turned off, `numId` 0, so mammoth writes a
 * plain paragraph), before mammoth reads the file. The parser then reads "2.1 …" as it reads any
 * typed label, and the import says how many numbers were computed (the user's Word showed them;
 * the file did not hold them as text). Computed: levels' `start`, `numFmt` (decimal, zero-padded,
 * lower and upper letter, lower and upper roman, Chinese counting, full-width, circled digits,
 * none), `lvlText` ("%1.%2", "(%1)", "%1、"), `isLgl`, `lvlRestart`, a numbering instance's
 * `startOverride` and `lvl` overrides, `numStyleLink`, numbering given by a paragraph style and
 * the styles it is based on. Counters belong to the abstract numbering, so instances of one
 * definition continue each other unless one overrides its start (as Word does, and as pandoc and
 * the `docx` package write a list that restarts). Bullets are left to mammoth (`<ul>`). A level in
 * a format not computed is left as mammoth reads it and named in a warning.
 */
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import JSZip from "jszip";
import { numberToCjk, toRoman } from "../../core/text/numerals.ts";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** One level of a numbering definition, as numbering.xml gives it. */
interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  /** "Legal" numbering: every level shown in this one's text is written in arabic digits. */
  isLgl: boolean;
  /** The (1-based) level after which this one restarts; 0 never; absent: after any higher level. */
  restart?: number;
  /** What follows the number: a tab (shown here as a space), a space, or nothing. */
  suffix: string;
  /** The paragraph style this level is linked to. */
  pStyle?: string;
}

interface AbstractNum {
  levels: Map<number, Level>;
  /** A definition that is only a link to a numbering style's (`w:numStyleLink`). */
  styleLink?: string;
}

interface Num {
  abstractId: string;
  /** Per level: a start to restart at on the instance's first use, a level that replaces the definition's. */
  overrides: Map<number, { start?: number; level?: Level }>;
}

interface Style {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

/** What numbering a document's paragraphs were given. */
export interface NumberingResult {
  /** The file with the numbers in its text, or null when no paragraph needed one. */
  bytes: Uint8Array | null;
  /** Every number written, in document order ("1.", "2.1", "(a)"). */
  labels: string[];
  /** Formats met that are not computed (their paragraphs left as mammoth reads them). */
  unsupported: string[];
}

type El = Element;

/** The element children of `el` named `name` (in Word's namespace). */
function children(el: El, name: string): El[] {
  const out: El[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1 && (n as El).localName === name && (n as El).namespaceURI === W) out.push(n as El);
  return out;
}

const child = (el: El | undefined, name: string): El | undefined => (el ? children(el, name)[0] : undefined);
const val = (el: El | undefined): string | undefined =>
  el?.getAttributeNS(W, "val") || el?.getAttribute("w:val") || undefined;
const int = (s: string | undefined): number | undefined =>
  s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined;

function readLevel(el: El): Level {
  const level: Level = {
    start: int(val(child(el, "start"))) ?? 0,
    numFmt: val(child(el, "numFmt")) ?? "decimal",
    lvlText: val(child(el, "lvlText")) ?? "",
    isLgl: child(el, "isLgl") !== undefined && !["0", "false", "off"].includes(val(child(el, "isLgl")) ?? ""),
    suffix: { tab: " ", space: " ", nothing: "" }[val(child(el, "suff")) ?? "tab"] ?? " ",
  };
  const restart = int(val(child(el, "lvlRestart")));
  if (restart !== undefined) level.restart = restart;
  const pStyle = val(child(child(el, "pPr"), "pStyle")) ?? val(child(el, "pStyle"));
  if (pStyle) level.pStyle = pStyle;
  return level;
}

function readNumbering(doc: Document): { abstracts: Map<string, AbstractNum>; nums: Map<string, Num> } {
  const abstracts = new Map<string, AbstractNum>();
  const nums = new Map<string, Num>();
  const root = doc.documentElement;
  if (!root) return { abstracts, nums };
  for (const a of children(root, "abstractNum")) {
    const levels = new Map<number, Level>();
    for (const l of children(a, "lvl"))
      levels.set(int(l.getAttributeNS(W, "ilvl") || l.getAttribute("w:ilvl") || "0") ?? 0, readLevel(l));
    const def: AbstractNum = { levels };
    const link = val(child(a, "numStyleLink"));
    if (link) def.styleLink = link;
    abstracts.set(a.getAttributeNS(W, "abstractNumId") || a.getAttribute("w:abstractNumId") || "", def);
  }
  for (const n of children(root, "num")) {
    const overrides: Num["overrides"] = new Map();
    for (const o of children(n, "lvlOverride")) {
      const ilvl = int(o.getAttributeNS(W, "ilvl") || o.getAttribute("w:ilvl") || "0") ?? 0;
      const start = int(val(child(o, "startOverride")));
      const lvl = child(o, "lvl");
      overrides.set(ilvl, {
        ...(start !== undefined ? { start } : {}),
        ...(lvl ? { level: readLevel(lvl) } : {}),
      });
    }
    nums.set(n.getAttributeNS(W, "numId") || n.getAttribute("w:numId") || "", {
      abstractId: val(child(n, "abstractNumId")) ?? "",
      overrides,
    });
  }
  return { abstracts, nums };
}

function readStyles(doc: Document | null): Map<string, Style> {
  const styles = new Map<string, Style>();
  const root = doc?.documentElement;
  if (!root) return styles;
  for (const s of children(root, "style")) {
    const id = s.getAttributeNS(W, "styleId") || s.getAttribute("w:styleId");
    if (!id) continue;
    const style: Style = {};
    const basedOn = val(child(s, "basedOn"));
    if (basedOn) style.basedOn = basedOn;
    const numPr = child(child(s, "pPr"), "numPr");
    const numId = val(child(numPr, "numId"));
    if (numId !== undefined) style.numId = numId;
    const ilvl = int(val(child(numPr, "ilvl")));
    if (ilvl !== undefined) style.ilvl = ilvl;
    styles.set(id, style);
  }
  return styles;
}

/** Word's letters: a … z, then aa … zz, aaa …. */
const letters = (n: number) => String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

/** Number `n` in Word's format `fmt`, or null for a format not computed here. */
export function formatNumber(n: number, fmt: string): string | null {
  switch (fmt) {
    case "decimal":
      return String(n);
    case "decimalZero":
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case "lowerLetter":
      return n > 0 ? letters(n) : null;
    case "upperLetter":
      return n > 0 ? letters(n).toUpperCase() : null;
    case "lowerRoman":
      return n > 0 ? toRoman(n) : null;
    case "upperRoman":
      return n > 0 ? toRoman(n).toUpperCase() : null;
    case "chineseCounting":
    case "chineseCountingThousand":
    case "ideographDigital":
      return n > 0 && n < 100 ? numberToCjk(n) : null;
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n > 0 && n <= CIRCLED.length ? CIRCLED[n - 1]! : null;
    case "none":
      return "";
    default:
      return null;
  }
}

/**
 * Write the numbers Word displays into the text of a DOCX's numbered paragraphs (see the module
 * comment). Reads the zip in memory; the input bytes are not changed.
 */
export async function numberDocx(bytes: Uint8Array): Promise<NumberingResult> {
  const none: NumberingResult = { bytes: null, labels: [], unsupported: [] };
  const zip = await JSZip.loadAsync(bytes);
  const docFile = zip.file("word/document.xml");
  const numFile = zip.file("word/numbering.xml");
  if (!docFile || !numFile) return none;
  const parser = new DOMParser({ errorHandler: { warning: () => {}, error: () => {} } });
  const parse = (xml: string) => parser.parseFromString(xml, "application/xml") as unknown as Document;
  const numbering = readNumbering(parse(await numFile.async("string")));
  const stylesFile = zip.file("word/styles.xml");
  const styles = readStyles(stylesFile ? parse(await stylesFile.async("string")) : null);
  const doc = parse(await docFile.async("string"));
  const body = doc.documentElement ? child(doc.documentElement, "body") : undefined;
  if (!body) return none;

  /** The definition an instance uses, through a numbering style's link. */
  const abstractOf = (numId: string, seen = new Set<string>()): [string, AbstractNum] | null => {
    const num = numbering.nums.get(numId);
    if (!num || seen.has(numId)) return null;
    seen.add(numId);
    const def = numbering.abstracts.get(num.abstractId);
    if (!def) return null;
    if (def.styleLink) {
      const linked = styles.get(def.styleLink)?.numId;
      return linked ? abstractOf(linked, seen) : null;
    }
    return [num.abstractId, def];
  };
  /** A paragraph style's numbering, from it or the styles it is based on. */
  const styleNumbering = (id: string): { numId: string; ilvl?: number } | null => {
    const seen = new Set<string>();
    for (let s = styles.get(id); s && !seen.has(id); s = s.basedOn ? styles.get(s.basedOn) : undefined) {
      seen.add(id);
      if (s.numId !== undefined)
        return s.ilvl !== undefined ? { numId: s.numId, ilvl: s.ilvl } : { numId: s.numId };
      if (!s.basedOn) break;
      id = s.basedOn;
    }
    return null;
  };

  const counters = new Map<string, Map<number, number>>();
  const used = new Set<string>();
  const labels: string[] = [];
  const unsupported = new Set<string>();
  // A snapshot: xmldom's list is live, recomputed at every item() once the tree changes.
  const live = body.getElementsByTagNameNS(W, "p");
  const paragraphs: El[] = [];
  for (let i = 0; i < live.length; i++) paragraphs.push(live.item(i)!);
  for (const p of paragraphs) {
    const pPr = child(p, "pPr");
    const direct = child(pPr, "numPr");
    let numId = val(child(direct, "numId"));
    let ilvl = int(val(child(direct, "ilvl")));
    const styleId = val(child(pPr, "pStyle"));
    if (numId === undefined && styleId) {
      const fromStyle = styleNumbering(styleId);
      if (fromStyle) {
        numId = fromStyle.numId;
        ilvl ??= fromStyle.ilvl;
      }
    }
    if (numId === undefined || numId === "0") continue;
    const found = abstractOf(numId);
    if (!found) continue;
    const [abstractId, def] = found;
    // A style linked to a level (the level's pStyle) gives that level.
    if (ilvl === undefined && styleId) for (const [k, l] of def.levels) if (l.pStyle === styleId) ilvl = k;
    ilvl ??= 0;
    const num = numbering.nums.get(numId)!;
    const levelOf = (k: number) => num.overrides.get(k)?.level ?? def.levels.get(k);
    const level = levelOf(ilvl);
    if (!level || level.numFmt === "bullet") continue;
    const count = counters.get(abstractId) ?? new Map<number, number>();
    counters.set(abstractId, count);
    // An instance that overrides a start restarts those levels where it is first used.
    if (!used.has(numId)) {
      used.add(numId);
      for (const [k, o] of num.overrides) if (o.start !== undefined) count.set(k, o.start - 1);
    }
    const startOf = (k: number) => num.overrides.get(k)?.start ?? levelOf(k)?.start ?? 0;
    count.set(ilvl, (count.get(ilvl) ?? startOf(ilvl) - 1) + 1);
    for (const k of [...count.keys()])
      if (k > ilvl) {
        const r = levelOf(k)?.restart;
        // lvlRestart N: restarted when a level at or above the N-th (1-based) is used; 0: never.
        if (r === undefined || (r !== 0 && ilvl + 1 <= r)) count.delete(k);
      }
    let failed: string | null = null;
    const text = level.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const l = levelOf(k);
      const fmt = level.isLgl && k !== ilvl ? "decimal" : (l?.numFmt ?? "decimal");
      const out = formatNumber(count.get(k) ?? startOf(k), fmt);
      if (out === null) failed = fmt;
      return out ?? "";
    });
    if (failed !== null) {
      unsupported.add(failed);
      continue;
    }
    // Numbering off for mammoth (numId 0 is "no numbering" to Word as well), then the number as text.
    const off = doc.createElementNS(W, "w:numPr");
    const offLevel = doc.createElementNS(W, "w:ilvl");
    offLevel.setAttributeNS(W, "w:val", "0");
    const offId = doc.createElementNS(W, "w:numId");
    offId.setAttributeNS(W, "w:val", "0");
    off.appendChild(offLevel);
    off.appendChild(offId);
    let props = pPr;
    if (!props) {
      props = doc.createElementNS(W, "w:pPr");
      p.insertBefore(props, p.firstChild);
    }
    if (direct) props.replaceChild(off, direct);
    else props.insertBefore(off, props.firstChild);
    if (!text) continue;
    labels.push(text);
    const run = doc.createElementNS(W, "w:r");
    const t = doc.createElementNS(W, "w:t");
    t.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:space", "preserve");
    t.appendChild(doc.createTextNode(text + level.suffix));
    run.appendChild(t);
    p.insertBefore(run, props.nextSibling);
  }
  if (!labels.length && !used.size) return { ...none, unsupported: [...unsupported] };
  zip.file("word/document.xml", new XMLSerializer().serializeToString(doc as unknown as Node));
  return {
    bytes: await zip.generateAsync({ type: "uint8array" }),
    labels,
    unsupported: [...unsupported],
  };
}
