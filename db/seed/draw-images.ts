/**
 * Draws the demo catalogue's product pictures in code: one flat-style SVG
 * illustration per demo product, rasterised with sharp to
 * public/images/demo/<slug>.webp (800×600) and <slug>-400.webp (400×300).
 *
 * Why: the repository should ship real images for its fictional demo products
 * without stock photos, a network download or a CJK font on the machine, so
 * the drawings contain no text at all. Each picture follows the product's
 * `image.kind`, is tinted by `image.hue`, picks a variant from words in its
 * slug (e.g. "oyster", "slices", "lamb") and is jittered by a PRNG seeded from
 * the slug, so reruns write byte-identical files.
 *
 * Run: npx tsx db/seed/draw-images.ts   (npm run db:images)
 */
import { mkdir, readdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

import { demoProducts } from "./demo-data";
import type { DemoProduct, ImageKind } from "./demo-types";

const W = 800;
const H = 600;
const OUT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../public/images/demo",
);

interface Target {
  readonly suffix: string;
  readonly width: number;
  readonly height: number;
  readonly maxBytes: number;
}
const TARGETS: readonly Target[] = [
  { suffix: "", width: 800, height: 600, maxBytes: 40_000 },
  { suffix: "-400", width: 400, height: 300, maxBytes: 15_000 },
];
/** Tried in order until the file fits its byte budget. */
const QUALITIES: readonly number[] = [72, 66, 60, 54, 48, 42];

// ---------------------------------------------------------------- randomness

type Rng = () => number;

/** FNV-1a hash of the slug: the PRNG seed. */
function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for jitter. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} out of range`);
  return item;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => at(items, Math.floor(rng() * items.length));

// ------------------------------------------------------------------ svg bits

type Pt = readonly [number, number];
type Stop = readonly [offset: number, color: string, opacity?: number];
type Blur = 2 | 4 | 8 | 16;

/** Numbers with one decimal keep the SVG short and the output stable. */
const f = (x: number): string => String(Math.round(x * 10) / 10);
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const hsl = (h: number, s: number, l: number): string =>
  `hsl(${f(((h % 360) + 360) % 360)},${f(clamp(s, 0, 100))}%,${f(clamp(l, 0, 100))}%)`;
const deg = (radians: number): number => (radians * 180) / Math.PI;
const has = (slug: string, ...words: string[]): boolean => words.some((w) => slug.includes(w));

interface Ctx {
  readonly rng: Rng;
  /** 0–359 */
  readonly hue: number;
  readonly slug: string;
  readonly defs: string[];
  readonly counter: { n: number };
}

function uid(ctx: Ctx, prefix: string): string {
  ctx.counter.n += 1;
  return `${prefix}${ctx.counter.n}`;
}

function stopTags(stops: readonly Stop[]): string {
  return stops
    .map(
      ([o, c, a]) =>
        `<stop offset="${f(o * 100)}%" stop-color="${c}"${a === undefined ? "" : ` stop-opacity="${a}"`}/>`,
    )
    .join("");
}

/** A linear gradient in the shape's bounding box; returns its `url(#…)`. */
function linear(ctx: Ctx, stops: readonly Stop[], x1 = 0, y1 = 0, x2 = 0, y2 = 1): string {
  const id = uid(ctx, "g");
  ctx.defs.push(
    `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${stopTags(stops)}</linearGradient>`,
  );
  return `url(#${id})`;
}

/** A radial gradient in the shape's bounding box, lit from the upper left by default. */
function radial(ctx: Ctx, stops: readonly Stop[], cx = 0.38, cy = 0.32, r = 0.75): string {
  const id = uid(ctx, "g");
  ctx.defs.push(
    `<radialGradient id="${id}" cx="${cx}" cy="${cy}" r="${r}">${stopTags(stops)}</radialGradient>`,
  );
  return `url(#${id})`;
}

function clip(ctx: Ctx, d: string): string {
  const id = uid(ctx, "c");
  ctx.defs.push(`<clipPath id="${id}"><path d="${d}"/></clipPath>`);
  return `url(#${id})`;
}

const mid = (a: Pt, b: Pt): Pt => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
const pt = (p: Pt): string => `${f(p[0])} ${f(p[1])}`;

/** A smooth closed outline through the midpoints of the polygon's edges. */
function closedPath(pts: readonly Pt[]): string {
  const n = pts.length;
  let d = `M${pt(mid(at(pts, n - 1), at(pts, 0)))}`;
  for (let i = 0; i < n; i++) {
    const p = at(pts, i);
    d += `Q${pt(p)} ${pt(mid(p, at(pts, (i + 1) % n)))}`;
  }
  return `${d}Z`;
}

/** A smooth open curve through every point (Catmull-Rom as cubic Béziers). */
function openPath(pts: readonly Pt[]): string {
  const n = pts.length;
  let d = `M${pt(at(pts, 0))}`;
  for (let i = 0; i < n - 1; i++) {
    const a = at(pts, Math.max(i - 1, 0));
    const b = at(pts, i);
    const c = at(pts, i + 1);
    const e = at(pts, Math.min(i + 2, n - 1));
    const c1: Pt = [b[0] + (c[0] - a[0]) / 6, b[1] + (c[1] - a[1]) / 6];
    const c2: Pt = [c[0] - (e[0] - b[0]) / 6, c[1] - (e[1] - b[1]) / 6];
    d += `C${pt(c1)} ${pt(c2)} ${pt(c)}`;
  }
  return d;
}

/** Points round an ellipse with their radius jittered: potatoes, leaves, clouds of florets. */
function blobPoints(
  rng: Rng,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  rot: number,
  jitter: number,
  count: number,
): Pt[] {
  const out: Pt[] = [];
  const c = Math.cos(rot);
  const s = Math.sin(rot);
  const phase = rng() * Math.PI * 2;
  for (let i = 0; i < count; i++) {
    const a = phase + (i / count) * Math.PI * 2;
    const k = 1 + between(rng, -jitter, jitter);
    const x = Math.cos(a) * rx * k;
    const y = Math.sin(a) * ry * k;
    out.push([cx + x * c - y * s, cy + x * s + y * c]);
  }
  return out;
}

const blob = (
  rng: Rng,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  rot: number,
  jitter: number,
  count = 10,
): string => closedPath(blobPoints(rng, cx, cy, rx, ry, rot, jitter, count));

/** A wandering line of `steps` segments that keeps pulling back to its heading. */
function walk(
  rng: Rng,
  start: Pt,
  dir: number,
  length: number,
  steps: number,
  wobble: number,
): Pt[] {
  const pts: Pt[] = [start];
  let [x, y] = start;
  let a = dir;
  for (let i = 0; i < steps; i++) {
    a = a * 0.7 + dir * 0.3 + between(rng, -wobble, wobble);
    x += (Math.cos(a) * length) / steps;
    y += (Math.sin(a) * length) / steps;
    pts.push([x, y]);
  }
  return pts;
}

/** Unit normal of a polyline at point i. */
function normalAt(spine: readonly Pt[], i: number): Pt {
  const a = at(spine, Math.max(i - 1, 0));
  const b = at(spine, Math.min(i + 1, spine.length - 1));
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  return [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
}

/** An outline round a spine whose width follows `width(t)`, t from 0 to 1: roots, stems, chillies. */
function taper(spine: readonly Pt[], width: (t: number) => number): string {
  const left: Pt[] = [];
  const right: Pt[] = [];
  spine.forEach((p, i) => {
    const [nx, ny] = normalAt(spine, i);
    const w = width(i / (spine.length - 1)) / 2;
    left.push([p[0] + nx * w, p[1] + ny * w]);
    right.push([p[0] - nx * w, p[1] - ny * w]);
  });
  return closedPath([...left, ...right.reverse()]);
}

const polygon = (pts: readonly Pt[]): string => `M${pts.map(pt).join("L")}Z`;

function shadow(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  opacity = 0.3,
  blur: Blur = 16,
): string {
  return `<ellipse cx="${f(cx)}" cy="${f(cy)}" rx="${f(rx)}" ry="${f(ry)}" fill="#23170c" opacity="${opacity}" filter="url(#b${blur})"/>`;
}

/** The shape itself, shifted, darkened and blurred: a contact shadow. */
function dropShadow(d: string, dx: number, dy: number, opacity = 0.3, blur: Blur = 4): string {
  return `<path d="${d}" transform="translate(${f(dx)} ${f(dy)})" fill="#1d1208" opacity="${opacity}" filter="url(#b${blur})"/>`;
}

function svgDocument(defs: readonly string[], body: string): string {
  const filters = ([2, 4, 8, 16] as const)
    .map(
      (s) =>
        `<filter id="b${s}" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${s}"/></filter>`,
    )
    .join("");
  const vignette = `<radialGradient id="vig" cx="50%" cy="45%" r="75%"><stop offset="60%" stop-color="#000" stop-opacity="0"/><stop offset="100%" stop-color="#000" stop-opacity=".2"/></radialGradient>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<defs>${filters}${vignette}${defs.join("")}</defs>${body}` +
    `<rect width="${W}" height="${H}" fill="url(#vig)"/></svg>`
  );
}

// --------------------------------------------------------------- backgrounds

interface WoodOptions {
  readonly hue: number;
  readonly sat: number;
  readonly light: number;
  readonly top: number;
  /** Planks grow toward the viewer when seen as a table top. */
  readonly perspective?: boolean;
}

function planks(ctx: Ctx, o: WoodOptions): string {
  const { rng } = ctx;
  let out = "";
  let y = o.top;
  let k = 0;
  while (y < H) {
    const ph = o.perspective ? 36 + k * 26 + between(rng, -4, 4) : between(rng, 95, 130);
    const l = o.light + between(rng, -4, 4);
    const g = linear(ctx, [
      [0, hsl(o.hue, o.sat, l + 4)],
      [1, hsl(o.hue, o.sat, l - 4)],
    ]);
    out += `<rect y="${f(y)}" width="${W}" height="${f(ph + 1)}" fill="${g}"/>`;
    const lines = Math.max(1, Math.round(ph / 30));
    for (let i = 0; i < lines; i++) {
      const gy = y + between(rng, 8, ph - 8);
      const pts: Pt[] = [];
      for (let x = -40; x <= W + 40; x += 140) pts.push([x, gy + between(rng, -3, 3)]);
      out += `<path d="${openPath(pts)}" fill="none" stroke="${hsl(o.hue, o.sat, l - 12)}" stroke-width="${f(between(rng, 1, 2.2))}" opacity=".35"/>`;
    }
    if (rng() < 0.5) {
      const kx = between(rng, 80, 720);
      const ky = y + ph / 2;
      out += `<ellipse cx="${f(kx)}" cy="${f(ky)}" rx="16" ry="${f(Math.min(6, ph / 5))}" fill="none" stroke="${hsl(o.hue, o.sat, l - 14)}" stroke-width="2" opacity=".35"/>`;
    }
    out += `<rect y="${f(y + ph - 2)}" width="${W}" height="3" fill="${hsl(o.hue, o.sat, l - 22)}" opacity=".6"/>`;
    y += ph;
    k += 1;
  }
  return out;
}

/** A pastel wall and a table: the studio look shared by most kinds. */
function room(ctx: Ctx, horizon: number, wood: boolean): string {
  const { hue } = ctx;
  const wall = linear(ctx, [
    [0, hsl(hue, 42, 94)],
    [1, hsl(hue, 30, 84)],
  ]);
  let s = `<rect width="${W}" height="${horizon}" fill="${wall}"/>`;
  if (wood) {
    s += planks(ctx, { hue: 30, sat: 34, light: 60, top: horizon, perspective: true });
  } else {
    const table = linear(ctx, [
      [0, hsl(hue + 25, 20, 80)],
      [1, hsl(hue + 25, 18, 68)],
    ]);
    s += `<rect y="${horizon}" width="${W}" height="${H - horizon}" fill="${table}"/>`;
  }
  const light = radial(
    ctx,
    [
      [0, "#fff", 0.5],
      [1, "#fff", 0],
    ],
    0.5,
    0.5,
    0.5,
  );
  s += `<rect y="${horizon - 2}" width="${W}" height="5" fill="#000" opacity=".08" filter="url(#b2)"/>`;
  s += `<ellipse cx="280" cy="150" rx="420" ry="250" fill="${light}"/>`;
  return s;
}

function burlapFill(ctx: Ctx, hue: number, light: number): string {
  const id = uid(ctx, "p");
  ctx.defs.push(
    `<pattern id="${id}" width="14" height="14" patternUnits="userSpaceOnUse">` +
      `<rect width="14" height="14" fill="${hsl(hue, 36, light)}"/>` +
      `<rect y="1" width="14" height="5" rx="2.5" fill="${hsl(hue + 4, 40, light + 7)}" opacity=".55"/>` +
      `<rect x="8" width="5" height="14" rx="2.5" fill="${hsl(hue - 4, 34, light - 9)}" opacity=".3"/>` +
      `</pattern>`,
  );
  return `url(#${id})`;
}

function softLight(ctx: Ctx): string {
  const g = radial(
    ctx,
    [
      [0, "#fff", 0.28],
      [1, "#fff", 0],
    ],
    0.5,
    0.5,
    0.5,
  );
  return `<ellipse cx="330" cy="230" rx="480" ry="360" fill="${g}"/>`;
}

// -------------------------------------------------------------------- potato

interface Skin {
  readonly fills: readonly string[];
  readonly eye: string;
}

function potatoSkin(ctx: Ctx): Skin {
  const { hue, slug } = ctx;
  const red = hue < 20 || has(slug, "qingshu");
  const h = red ? 6 : 32 + (hue - 28) * 0.25;
  const light = red ? hsl(h + 8, 52, 64) : hsl(h + 8, 70, 80);
  const base = red ? hsl(h, 46, 46) : hsl(h, 52, 61);
  const dark = red ? hsl(h - 4, 46, 29) : hsl(h - 6, 44, 37);
  const fills = [0, 1, 2].map((k) =>
    radial(
      ctx,
      [
        [0, light],
        [0.55, base],
        [1, dark],
      ],
      0.32 + k * 0.05,
      0.28,
      0.85,
    ),
  );
  return { fills, eye: red ? hsl(h, 40, 22) : hsl(h - 8, 42, 28) };
}

function potato(ctx: Ctx, x: number, y: number, rx: number, ry: number, skin: Skin): string {
  const { rng } = ctx;
  const rot = between(rng, -0.5, 0.5);
  const d = blob(rng, x, y, rx, ry, rot, 0.07, 9);
  let s = dropShadow(d, 6, 10, 0.35, 8) + `<path d="${d}" fill="${pick(rng, skin.fills)}"/>`;
  const c = Math.cos(rot);
  const sn = Math.sin(rot);
  const eyes = 2 + Math.floor(rng() * 4);
  for (let i = 0; i < eyes; i++) {
    const a = rng() * Math.PI * 2;
    const r = between(rng, 0.2, 0.78);
    const ex = Math.cos(a) * rx * r;
    const ey = Math.sin(a) * ry * r;
    const px = x + ex * c - ey * sn;
    const py = y + ex * sn + ey * c;
    s += `<path d="M${f(px - 4)} ${f(py)}q4 -3 8 0" fill="none" stroke="${skin.eye}" stroke-width="2" stroke-linecap="round" opacity=".65"/>`;
    s += `<circle cx="${f(px)}" cy="${f(py + 1.5)}" r="1.6" fill="${skin.eye}" opacity=".5"/>`;
  }
  for (let i = 0; i < 5; i++) {
    const px = x + between(rng, -0.6, 0.6) * rx;
    const py = y + between(rng, -0.5, 0.5) * ry;
    s += `<circle cx="${f(px)}" cy="${f(py)}" r="${f(between(rng, 0.8, 1.6))}" fill="${skin.eye}" opacity=".28"/>`;
  }
  return s;
}

interface Sack {
  readonly back: string;
  readonly front: string;
  readonly rimY: number;
  readonly rimRx: number;
  readonly rimRy: number;
}

/** An open burlap sack: draw `back`, then what is in it, then `front` (the rolled lip). */
function sack(
  ctx: Ctx,
  cx: number,
  bottom: number,
  w: number,
  h: number,
  stripeHue: number | null,
): Sack {
  const top = bottom - h;
  const rimRx = w / 2 - 14;
  const rimRy = 26;
  const rimY = top + rimRy;
  const body =
    `M${f(cx - rimRx)} ${f(rimY)}C${f(cx - w * 0.62)} ${f(rimY + h * 0.35)} ${f(cx - w * 0.6)} ${f(bottom - 26)} ${f(cx - w * 0.42)} ${f(bottom - 4)}` +
    `Q${f(cx)} ${f(bottom + 12)} ${f(cx + w * 0.42)} ${f(bottom - 4)}` +
    `C${f(cx + w * 0.6)} ${f(bottom - 26)} ${f(cx + w * 0.62)} ${f(rimY + h * 0.35)} ${f(cx + rimRx)} ${f(rimY)}Z`;
  const shade = linear(
    ctx,
    [
      [0, "#000", 0.3],
      [0.35, "#000", 0],
      [0.7, "#000", 0.05],
      [1, "#000", 0.35],
    ],
    0,
    0,
    1,
    0,
  );
  let back = shadow(cx + 20, bottom, w * 0.62, 26, 0.4);
  back += `<path d="${body}" fill="${burlapFill(ctx, 34, 58)}"/><path d="${body}" fill="${shade}"/>`;
  if (stripeHue !== null) {
    const cl = clip(ctx, body);
    const sy = top + h * 0.5;
    back += `<g clip-path="${cl}" opacity=".8"><path d="M0 ${f(sy)}Q${f(cx)} ${f(sy + 24)} ${W} ${f(sy)}v16Q${f(cx)} ${f(sy + 40)} 0 ${f(sy + 16)}Z" fill="${hsl(stripeHue, 60, 42)}"/><path d="M0 ${f(sy + 26)}Q${f(cx)} ${f(sy + 50)} ${W} ${f(sy + 26)}v6Q${f(cx)} ${f(sy + 56)} 0 ${f(sy + 32)}Z" fill="${hsl(stripeHue, 60, 42)}"/></g>`;
  }
  for (let i = 0; i < 3; i++) {
    const fx = cx + between(ctx.rng, -0.3, 0.3) * w;
    back += `<path d="M${f(fx)} ${f(rimY + 30)}q${f(between(ctx.rng, -20, 20))} ${f(h * 0.3)} ${f(between(ctx.rng, -10, 10))} ${f(h * 0.55)}" fill="none" stroke="#3b2812" stroke-width="3" opacity=".18" stroke-linecap="round"/>`;
  }
  back += `<ellipse cx="${f(cx)}" cy="${f(rimY)}" rx="${f(rimRx)}" ry="${rimRy}" fill="#3a2713"/>`;
  const lipCol = hsl(34, 36, 64);
  back += `<path d="M${f(cx - rimRx)} ${f(rimY)}A${f(rimRx)} ${rimRy} 0 0 1 ${f(cx + rimRx)} ${f(rimY)}" fill="none" stroke="${hsl(34, 30, 50)}" stroke-width="14"/>`;
  const front =
    `<path d="M${f(cx - rimRx)} ${f(rimY)}A${f(rimRx)} ${rimRy} 0 0 0 ${f(cx + rimRx)} ${f(rimY)}" fill="none" stroke="${lipCol}" stroke-width="16" stroke-linecap="round"/>` +
    `<path d="M${f(cx - rimRx + 8)} ${f(rimY + 12)}A${f(rimRx)} ${rimRy} 0 0 0 ${f(cx + rimRx - 8)} ${f(rimY + 12)}" fill="none" stroke="#3b2812" stroke-width="3" opacity=".25"/>`;
  return { back, front, rimY, rimRx, rimRy };
}

function drawPotato(ctx: Ctx): string {
  const { rng, slug } = ctx;
  const skin = potatoSkin(ctx);
  if (has(slug, "25kg", "sack")) {
    let s = room(ctx, 300, true);
    const sk = sack(ctx, 400, 500, 330, 330, 120);
    s += sk.back;
    for (let i = 0; i < 5; i++) {
      const x = 400 - sk.rimRx + 60 + (i * (2 * sk.rimRx - 120)) / 4 + between(rng, -10, 10);
      s += potato(
        ctx,
        x,
        sk.rimY - 14 - (i % 2) * 14,
        between(rng, 46, 58),
        between(rng, 34, 42),
        skin,
      );
    }
    s += sk.front;
    const loose: readonly Pt[] = [
      [150, 520],
      [620, 530],
      [690, 480],
    ];
    for (const [x, y] of loose)
      s += potato(
        ctx,
        x + between(rng, -12, 12),
        y,
        between(rng, 54, 64),
        between(rng, 38, 46),
        skin,
      );
    return s;
  }
  let s =
    rng() < 0.5
      ? `<rect width="${W}" height="${H}" fill="${burlapFill(ctx, 34, 60)}"/>`
      : planks(ctx, { hue: 28, sat: 30, light: 44, top: 0 });
  s += softLight(ctx) + shadow(400, 470, 330, 80, 0.4);
  const rows = [
    { y: 222, n: 2, span: 150 },
    { y: 288, n: 3, span: 300 },
    { y: 360, n: 4, span: 440 },
    { y: 442, n: 5, span: 570 },
  ];
  for (const row of rows) {
    for (let i = 0; i < row.n; i++) {
      const x = 400 - row.span / 2 + (i * row.span) / (row.n - 1) + between(rng, -16, 16);
      s += potato(
        ctx,
        x,
        row.y + between(rng, -8, 8),
        between(rng, 70, 86),
        between(rng, 50, 58),
        skin,
      );
    }
  }
  return s;
}

// ------------------------------------------------------------------- noodles

interface NoodleStyle {
  readonly strands: number;
  readonly width: readonly [number, number];
  readonly color: (rng: Rng) => string;
  readonly opacity: number;
  readonly wave: number;
  readonly bundleHalf: number;
  readonly tie: string;
}

function noodleBundle(
  ctx: Ctx,
  cx: number,
  cy: number,
  angle: number,
  len: number,
  st: NoodleStyle,
): string {
  const { rng } = ctx;
  let s = `<g transform="translate(${f(cx)} ${f(cy)}) rotate(${f(angle)})">`;
  const half = st.bundleHalf;
  const outline: Pt[] = [];
  for (let k = 0; k <= 10; k++) {
    const x = -len / 2 + (k * len) / 10;
    outline.push([x, -half * (0.4 + 0.6 * Math.pow(Math.abs(x) / (len / 2), 1.3))]);
  }
  const under = [...outline, ...outline.map(([x, y]): Pt => [x, -y]).reverse()];
  s += dropShadow(polygon(under), 8, 14, 0.45, 8);
  s += `<path d="${polygon(under)}" fill="${st.color(rng)}" opacity="${f(st.opacity * 0.45)}"/>`;
  for (let i = 0; i < st.strands; i++) {
    const t = (i / (st.strands - 1)) * 2 - 1 + between(rng, -0.04, 0.04);
    const phase = rng() * Math.PI * 2;
    const amp = between(rng, 0.4, 1) * st.wave;
    const x0 = -len / 2 + between(rng, -12, 10);
    const x1 = len / 2 + between(rng, -10, 12);
    const pts: Pt[] = [];
    for (let k = 0; k <= 14; k++) {
      const x = x0 + ((x1 - x0) * k) / 14;
      const u = Math.abs(x) / (len / 2);
      const w = half * (0.38 + 0.62 * Math.pow(Math.min(u, 1.05), 1.3));
      pts.push([x, t * w + amp * Math.sin(phase + k * 1.3) * Math.min(1, u * 2)]);
    }
    s += `<path d="${openPath(pts)}" fill="none" stroke="${st.color(rng)}" stroke-width="${f(between(rng, st.width[0], st.width[1]))}" stroke-linecap="round" opacity="${f(st.opacity * between(rng, 0.75, 1))}"/>`;
  }
  const th = half * 0.52;
  s += `<rect x="-16" y="${f(-th)}" width="32" height="${f(th * 2)}" rx="5" fill="${st.tie}"/>`;
  s += `<rect x="-16" y="${f(-th)}" width="32" height="${f(th * 2)}" rx="5" fill="url(#tieShade)"/>`;
  s += `<path d="M-16 ${f(-th + 6)}h32M-16 ${f(th - 6)}h32" stroke="#fff" stroke-width="1.5" opacity=".35"/>`;
  return `${s}</g>`;
}

function drawNoodles(ctx: Ctx): string {
  const { rng, hue, slug } = ctx;
  ctx.defs.push(
    `<linearGradient id="tieShade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff" stop-opacity=".25"/><stop offset=".5" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".3"/></linearGradient>`,
  );
  const tie = hsl(hue < 30 ? 355 : hue + 180, 62, 46);
  const straight = has(slug, "buckwheat", "guamian");
  const wide = has(slug, "wide");
  const style: NoodleStyle = straight
    ? {
        strands: 60,
        width: [2.2, 3],
        color: (r) => hsl(30, 22, between(r, 48, 62)),
        opacity: 1,
        wave: 0,
        bundleHalf: 34,
        tie: hsl(hue + 15, 65, 48),
      }
    : wide
      ? {
          strands: 16,
          width: [9, 12],
          color: (r) => hsl(42, 16, between(r, 74, 88)),
          opacity: 0.62,
          wave: 5,
          bundleHalf: 44,
          tie,
        }
      : {
          strands: 40,
          width: [2.6, 3.8],
          color: (r) => hsl(42, 14, between(r, 76, 90)),
          opacity: 0.6,
          wave: 3,
          bundleHalf: 46,
          tie,
        };
  let s = straight
    ? room(ctx, 250, false)
    : planks(ctx, { hue: 22 + (hue % 20), sat: 28, light: 27, top: 0 }) + softLight(ctx);
  const n = 3;
  for (let b = 0; b < n; b++) {
    const cy = 205 + b * 120 + between(rng, -10, 10);
    const cx = 400 + between(rng, -40, 40);
    const angle = straight ? between(rng, -6, 6) : between(rng, -14, 14);
    s += noodleBundle(ctx, cx, cy, angle, between(rng, 500, 560), style);
  }
  if (straight) {
    for (let i = 0; i < 5; i++) {
      const y = 540 + between(rng, -12, 12);
      const x = between(rng, 120, 300);
      s += `<path d="M${f(x)} ${f(y)}l${f(between(rng, 360, 440))} ${f(between(rng, -30, 30))}" stroke="${style.color(rng)}" stroke-width="3" stroke-linecap="round"/>`;
    }
  }
  return s;
}

// -------------------------------------------------------------------- starch

/** A dome of white powder over the ellipse (cx, y, rx, ry). */
function powderDome(
  ctx: Ctx,
  cx: number,
  y: number,
  rx: number,
  ry: number,
  height: number,
): string {
  const g = radial(
    ctx,
    [
      [0, "#ffffff"],
      [0.6, "#f4f4f1"],
      [1, "#d9dbe0"],
    ],
    0.4,
    0.3,
    0.8,
  );
  const d = `M${f(cx - rx)} ${f(y)}C${f(cx - rx * 0.6)} ${f(y - height)} ${f(cx + rx * 0.5)} ${f(y - height * 1.05)} ${f(cx + rx)} ${f(y)}A${f(rx)} ${f(ry)} 0 0 1 ${f(cx - rx)} ${f(y)}Z`;
  return `<path d="${d}" fill="${g}"/>`;
}

function bowl(
  ctx: Ctx,
  cx: number,
  rimY: number,
  rx: number,
  ry: number,
  depth: number,
  color: readonly [string, string, string],
): { back: string; front: string } {
  const base = rimY + depth;
  const body =
    `M${f(cx - rx)} ${f(rimY)}A${f(rx)} ${f(ry)} 0 0 0 ${f(cx + rx)} ${f(rimY)}` +
    `C${f(cx + rx)} ${f(rimY + depth * 0.8)} ${f(cx + rx * 0.55)} ${f(base)} ${f(cx + rx * 0.38)} ${f(base)}` +
    `L${f(cx - rx * 0.38)} ${f(base)}C${f(cx - rx * 0.55)} ${f(base)} ${f(cx - rx)} ${f(rimY + depth * 0.8)} ${f(cx - rx)} ${f(rimY)}Z`;
  const bodyFill = linear(
    ctx,
    [
      [0, color[2]],
      [0.3, color[0]],
      [0.55, color[1]],
      [1, color[2]],
    ],
    0,
    0,
    1,
    0,
  );
  const inner = linear(ctx, [
    [0, color[2]],
    [1, color[1]],
  ]);
  const back =
    shadow(cx + 18, base + 4, rx * 0.95, 22, 0.45) +
    `<ellipse cx="${f(cx)}" cy="${f(rimY)}" rx="${f(rx)}" ry="${f(ry)}" fill="${inner}"/>`;
  const front =
    `<path d="${body}" fill="${bodyFill}"/>` +
    `<path d="M${f(cx - rx)} ${f(rimY)}A${f(rx)} ${f(ry)} 0 0 0 ${f(cx + rx)} ${f(rimY)}" fill="none" stroke="#fff" stroke-width="4" opacity=".45"/>` +
    `<path d="M${f(cx - rx * 0.7)} ${f(rimY + depth * 0.35)}Q${f(cx - rx * 0.62)} ${f(rimY + depth * 0.7)} ${f(cx - rx * 0.4)} ${f(base - 8)}" fill="none" stroke="#fff" stroke-width="8" stroke-linecap="round" opacity=".22"/>`;
  return { back, front };
}

function drawStarch(ctx: Ctx): string {
  const { rng, hue } = ctx;
  let s = room(ctx, 330, rng() < 0.5);
  const sk = sack(ctx, 270, 470, 280, 300, hue + 160);
  s += sk.back + powderDome(ctx, 270, sk.rimY, sk.rimRx - 4, sk.rimRy - 4, 70) + sk.front;
  const b = bowl(ctx, 545, 430, 150, 38, 105, [
    hsl(hue + 180, 45, 62),
    hsl(hue + 180, 40, 52),
    hsl(hue + 180, 42, 36),
  ]);
  s += b.back + powderDome(ctx, 545, 430, 142, 32, 90) + b.front;
  // a wooden scoop with a little powder
  s += shadow(230, 560, 150, 14, 0.35, 8);
  s += `<path d="M90 568L300 540" stroke="${hsl(30, 45, 52)}" stroke-width="16" stroke-linecap="round"/>`;
  s += `<ellipse cx="350" cy="540" rx="62" ry="26" fill="${hsl(30, 45, 46)}"/><ellipse cx="350" cy="534" rx="54" ry="19" fill="${hsl(30, 40, 36)}"/>`;
  s += powderDome(ctx, 350, 536, 48, 15, 26);
  for (let i = 0; i < 40; i++) {
    const x = between(rng, 360, 740);
    const y = between(rng, 548, 590);
    s += `<circle cx="${f(x)}" cy="${f(y)}" r="${f(between(rng, 1.5, 4))}" fill="#fff" opacity="${f(between(rng, 0.5, 0.9))}"/>`;
  }
  s += `<ellipse cx="560" cy="555" rx="90" ry="12" fill="#fff" opacity=".5" filter="url(#b4)"/>`;
  return s;
}

// ---------------------------------------------------------------------- root

interface RootColours {
  readonly fill: string;
  readonly line: string;
  readonly crown: string;
}

function rootColours(ctx: Ctx, h: number, s: number, l: number): RootColours {
  const fill = linear(ctx, [
    [0, hsl(h + 4, s + 5, l + 14)],
    [0.45, hsl(h, s, l)],
    [1, hsl(h - 4, s, l - 16)],
  ]);
  return { fill, line: hsl(h - 6, s, l - 26), crown: hsl(h - 10, s - 10, l - 24) };
}

interface RootShape {
  readonly length: number;
  readonly w0: number;
  /** Exponent of the width's fall-off along the root. */
  readonly taper: number;
  readonly branches: number;
  readonly branchFrom: number;
  readonly branchTo: number;
  /** Angle range (radians) between a branch and the main root. */
  readonly branchAngle: readonly [number, number];
  readonly rings: number;
  readonly rootlets: number;
}

/** One root lying along +x from its crown at (0,0), drawn at (x, y) turned by `angle` degrees. */
function root(
  ctx: Ctx,
  x: number,
  y: number,
  angle: number,
  shape: RootShape,
  col: RootColours,
): string {
  const { rng } = ctx;
  const spine = walk(rng, [0, 0], 0, shape.length, 12, 0.08);
  const width = (t: number): number => shape.w0 * Math.pow(1 - t, shape.taper) + 1.5;
  const parts: { spine: Pt[]; d: string }[] = [];
  for (let b = 0; b < shape.branches; b++) {
    const i = Math.floor(between(rng, shape.branchFrom, shape.branchTo) * (spine.length - 1));
    const t = i / (spine.length - 1);
    const dir = (b % 2 === 0 ? 1 : -1) * between(rng, shape.branchAngle[0], shape.branchAngle[1]);
    const len = shape.length * (1 - t) * between(rng, 0.6, 0.95);
    const bw = width(t) * between(rng, 0.4, 0.6);
    const bs = walk(rng, at(spine, i), dir, len, 8, 0.1);
    parts.push({ spine: bs, d: taper(bs, (u) => bw * Math.pow(1 - u, 0.8) + 1) });
  }
  parts.push({ spine, d: taper(spine, width) });
  let s = `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(angle)})">`;
  for (const p of parts) s += dropShadow(p.d, 5, 8, 0.32, 4);
  // crown: cut stem stubs behind the head
  for (let k = 0; k < 3; k++) {
    const a = Math.PI + between(rng, -0.5, 0.5);
    s += `<path d="M0 0l${f(Math.cos(a) * shape.w0 * 0.6)} ${f(Math.sin(a) * shape.w0 * 0.6)}" stroke="${col.crown}" stroke-width="${f(shape.w0 * 0.2)}" stroke-linecap="round"/>`;
  }
  for (const p of parts) s += `<path d="${p.d}" fill="${col.fill}"/>`;
  // fine rootlets
  for (let r = 0; r < shape.rootlets; r++) {
    const p = pick(rng, parts);
    const i = Math.max(2, Math.floor(between(rng, 0.3, 0.9) * (p.spine.length - 1)));
    const base = at(p.spine, i);
    const [nx, ny] = normalAt(p.spine, i);
    const side = rng() < 0.5 ? 1 : -1;
    const len = between(rng, 10, 26);
    const tx = base[0] + nx * side * len + between(rng, 6, 18);
    const ty = base[1] + ny * side * len;
    s += `<path d="M${pt(base)}Q${f((base[0] + tx) / 2 + 6)} ${f((base[1] + ty) / 2)} ${f(tx)} ${f(ty)}" fill="none" stroke="${col.line}" stroke-width="${f(between(rng, 0.8, 1.2))}" stroke-linecap="round" opacity=".6"/>`;
  }
  // ring marks round the upper part (curved, as seen on a cylinder)
  let rings = "";
  for (let r = 0; r < shape.rings; r++) {
    const i = ((r + 0.5) / shape.rings) * (spine.length - 1) * 0.38;
    const k = Math.floor(i);
    const p = at(spine, k);
    const q = at(spine, Math.min(k + 1, spine.length - 1));
    const u = i - k;
    const c: Pt = [p[0] + (q[0] - p[0]) * u, p[1] + (q[1] - p[1]) * u];
    const [nx, ny] = normalAt(spine, k);
    const w = (width(i / (spine.length - 1)) / 2) * 0.85;
    const bend = w * between(rng, 0.25, 0.45);
    rings += `M${pt([c[0] + nx * w, c[1] + ny * w])}Q${pt([c[0] + ny * bend, c[1] - nx * bend])} ${pt([c[0] - nx * w, c[1] - ny * w])}`;
  }
  if (rings)
    s += `<path d="${rings}" fill="none" stroke="${col.line}" stroke-width="1.5" opacity=".35"/>`;
  // one lengthwise wrinkle and a highlight along the lit side
  for (const [off, stroke, op] of [
    [0.12, col.line, 0.25],
    [-0.28, "#fff", 0.22],
  ] as const) {
    const line = spine.slice(1, -4).map((p, i): Pt => {
      const [nx, ny] = normalAt(spine, i + 1);
      const w = width((i + 1) / (spine.length - 1)) * off;
      return [p[0] + nx * w, p[1] + ny * w];
    });
    s += `<path d="${openPath(line)}" fill="none" stroke="${stroke}" stroke-width="2" stroke-linecap="round" opacity="${op}"/>`;
  }
  s += `<ellipse cx="0" cy="0" rx="${f(shape.w0 * 0.2)}" ry="${f(shape.w0 * 0.4)}" fill="${col.crown}" opacity=".8"/>`;
  return `${s}</g>`;
}

/** A cut disc of root: bark ring, pale flesh with radial rays (or oil dots) and a core. */
function rootSlice(
  ctx: Ctx,
  x: number,
  y: number,
  rx: number,
  ry: number,
  rot: number,
  h: number,
  sat: number,
  light: number,
  dots: boolean,
): string {
  const { rng } = ctx;
  const d = blob(rng, 0, 0, rx, ry, 0, 0.06, 9);
  const flesh = radial(
    ctx,
    [
      [0, hsl(h + 5, sat + 25, light + 10)],
      [0.7, hsl(h, sat + 10, light)],
      [1, hsl(h - 5, sat, light - 10)],
    ],
    0.5,
    0.5,
    0.55,
  );
  let s =
    `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(rot)})">` + dropShadow(d, 4, 6, 0.35, 4);
  s += `<path d="${d}" fill="${hsl(h - 8, sat + 5, light - 38)}"/>`;
  s += `<ellipse cx="0" cy="0" rx="${f(rx * 0.86)}" ry="${f(ry * 0.84)}" fill="${flesh}"/>`;
  if (dots) {
    for (let i = 0; i < 14; i++) {
      const a = rng() * Math.PI * 2;
      const r = between(rng, 0.2, 0.8);
      s += `<circle cx="${f(Math.cos(a) * rx * r)}" cy="${f(Math.sin(a) * ry * r)}" r="${f(between(rng, 1, 2.4))}" fill="${hsl(h - 10, sat + 10, light - 35)}" opacity=".7"/>`;
    }
    s += `<ellipse cx="0" cy="0" rx="${f(rx * 0.55)}" ry="${f(ry * 0.55)}" fill="none" stroke="${hsl(h - 8, sat, light - 25)}" stroke-width="1.5" opacity=".5"/>`;
  } else {
    let rays = "";
    for (let i = 0; i < 16; i++) {
      const a = (i / 16) * Math.PI * 2 + between(rng, -0.08, 0.08);
      rays += `M${f(Math.cos(a) * rx * 0.12)} ${f(Math.sin(a) * ry * 0.12)}L${f(Math.cos(a) * rx * 0.8)} ${f(Math.sin(a) * ry * 0.8)}`;
    }
    s += `<path d="${rays}" stroke="${hsl(h - 10, sat, light - 22)}" stroke-width="1.2" opacity=".45"/>`;
    s += `<ellipse cx="0" cy="0" rx="${f(rx * 0.5)}" ry="${f(ry * 0.5)}" fill="none" stroke="${hsl(h - 10, sat, light - 20)}" stroke-width="1.2" opacity=".4"/>`;
  }
  s += `<ellipse cx="0" cy="0" rx="${f(rx * 0.1)}" ry="${f(ry * 0.1)}" fill="${hsl(h - 10, sat + 10, light - 30)}" opacity=".7"/>`;
  return `${s}</g>`;
}

/** A short cut length of root: a tapered cylinder with its cut end showing. */
function rootPiece(
  ctx: Ctx,
  x: number,
  y: number,
  len: number,
  w: number,
  rot: number,
  col: RootColours,
  cut: string,
): string {
  const { rng } = ctx;
  const spine = walk(rng, [0, 0], 0, len, 4, 0.05);
  const d = taper(spine, (t) => w * (1 - t * 0.25));
  let s =
    `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(rot)})">` + dropShadow(d, 4, 7, 0.3, 4);
  s += `<path d="${d}" fill="${col.fill}"/>`;
  for (let r = 1; r < 5; r++) {
    const px = (r / 5) * len * 0.8;
    s += `<path d="M${f(px)} ${f(-w * 0.42)}q3 ${f(w * 0.4)} 0 ${f(w * 0.84)}" fill="none" stroke="${col.line}" stroke-width="1.2" opacity=".4"/>`;
  }
  const end = at(spine, spine.length - 1);
  s += `<ellipse cx="${f(end[0])}" cy="${f(end[1])}" rx="${f(w * 0.18)}" ry="${f(w * 0.38)}" fill="${cut}"/>`;
  s += `<ellipse cx="${f(end[0])}" cy="${f(end[1])}" rx="${f(w * 0.05)}" ry="${f(w * 0.12)}" fill="${col.line}" opacity=".5"/>`;
  return `${s}</g>`;
}

function bambooTray(ctx: Ctx, cx: number, cy: number, r: number): string {
  const { hue } = ctx;
  let s = shadow(cx + 12, cy + 22, r * 1.02, r * 0.96, 0.45);
  s += `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${hsl(46, 44, 78)}"/>`;
  let rings = "";
  for (let rr = 14; rr < r - 16; rr += 11)
    rings += `M${f(cx - rr)} ${cy}a${rr} ${rr} 0 1 0 ${rr * 2} 0a${rr} ${rr} 0 1 0 ${-rr * 2} 0`;
  s += `<path d="${rings}" fill="none" stroke="${hsl(42, 36, 68)}" stroke-width="3" opacity=".7"/>`;
  s += `<circle cx="${cx}" cy="${cy}" r="${r - 8}" fill="none" stroke="${hsl(36, 40, 52)}" stroke-width="16"/>`;
  s += `<circle cx="${cx}" cy="${cy}" r="${r - 8}" fill="none" stroke="${hsl(hue, 20, 92)}" stroke-width="2" opacity=".4"/>`;
  return s;
}

function drawRoot(ctx: Ctx): string {
  const { rng, hue, slug } = ctx;
  const bg = linear(ctx, [
    [0, hsl(hue + 10, 30, 90)],
    [1, hsl(hue + 10, 24, 80)],
  ]);
  let s = `<rect width="${W}" height="${H}" fill="${bg}"/>`;
  const angelica = has(slug, "danggui", "angelica");
  const codonopsis = has(slug, "codonopsis", "dangshen");
  const red = has(slug, "hongqi", "red") || (!angelica && !codonopsis && hue < 15);
  const white = has(slug, "white");
  // bark colour per herb; the product hue shifts it a little
  const bh = (red ? 12 : angelica ? 28 : codonopsis ? 36 : 34) + (hue % 10) - 5;
  const bs = red ? 45 : white ? 28 : angelica ? 38 : 34;
  const bl = red ? 40 : white ? 68 : angelica ? 46 : codonopsis ? 56 : 52;
  const col = rootColours(ctx, bh, bs, bl);
  s += bambooTray(ctx, 400, 300, 275);
  // codonopsis is sold in cut lengths rather than discs
  if (has(slug, "slices") && !codonopsis) {
    const slices: { x: number; y: number; r: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const a = rng() * Math.PI * 2;
      const r = (0.25 + 0.75 * rng()) * 180;
      slices.push({
        x: 400 + Math.cos(a) * r,
        y: 300 + Math.sin(a) * r * 0.9,
        r: between(rng, 0.85, 1.15),
      });
    }
    slices.sort((a, b) => a.y - b.y);
    for (const c of slices) {
      s += angelica
        ? rootSlice(ctx, c.x, c.y, 46 * c.r, 34 * c.r, between(rng, -40, 40), 42, 40, 80, true)
        : codonopsis
          ? rootSlice(ctx, c.x, c.y, 26 * c.r, 22 * c.r, between(rng, -40, 40), 45, 35, 82, false)
          : rootSlice(ctx, c.x, c.y, 44 * c.r, 24 * c.r, between(rng, -40, 40), 50, 45, 80, false);
    }
    return s;
  }
  if (has(slug, "pieces", "slices", "segment")) {
    const pieces: { x: number; y: number }[] = [];
    for (let i = 0; i < 13; i++) {
      const a = rng() * Math.PI * 2;
      const r = (0.15 + 0.85 * rng()) * 150;
      pieces.push({ x: 330 + Math.cos(a) * r, y: 320 + Math.sin(a) * r * 0.8 });
    }
    pieces.sort((a, b) => a.y - b.y);
    for (const p of pieces) {
      s += rootPiece(
        ctx,
        p.x,
        p.y,
        between(rng, 120, 160),
        between(rng, 32, 40),
        -20 + between(rng, -28, 28) + (rng() < 0.3 ? 180 : 0),
        col,
        hsl(45, 45, 82),
      );
    }
    return s;
  }
  const shape: RootShape = angelica
    ? {
        length: 300,
        w0: 66,
        taper: 1.5,
        branches: 8,
        branchFrom: 0.14,
        branchTo: 0.42,
        branchAngle: [0.12, 0.5],
        rings: 5,
        rootlets: 18,
      }
    : codonopsis
      ? {
          length: 410,
          w0: 32,
          taper: 0.7,
          branches: 1,
          branchFrom: 0.55,
          branchTo: 0.75,
          branchAngle: [0.25, 0.5],
          rings: 9,
          rootlets: 8,
        }
      : {
          length: 430,
          w0: 34,
          taper: 0.6,
          branches: 2,
          branchFrom: 0.5,
          branchTo: 0.75,
          branchAngle: [0.2, 0.45],
          rings: 3,
          rootlets: 6,
        };
  const count = angelica ? 3 : 5;
  for (let i = 0; i < count; i++) {
    const y = angelica ? 170 + i * 130 : 150 + i * 75;
    const x = angelica ? 190 + (i % 2) * 60 : 165 + between(rng, -15, 15);
    const len = shape.length * between(rng, 0.85, 1.05);
    s += root(
      ctx,
      x + between(rng, -10, 10),
      y + between(rng, -8, 8),
      between(rng, -8, 8) + (angelica ? 10 : 4),
      { ...shape, length: len },
      col,
    );
  }
  return s;
}

// ------------------------------------------------------------------ mushroom

interface MushroomColours {
  readonly cap: string;
  readonly stem: string;
  readonly gills: string;
  readonly gillLine: string;
}

function standingMushroom(
  ctx: Ctx,
  x: number,
  ground: number,
  capR: number,
  stemH: number,
  tilt: number,
  c: MushroomColours,
): string {
  const { rng } = ctx;
  const sw = capR * 0.5;
  const capY = ground - stemH;
  const capH = capR * 0.78;
  let s = shadow(x + 10, ground + 2, capR * 0.8, 14, 0.45, 8);
  s += `<g transform="rotate(${f(tilt)} ${f(x)} ${f(ground)})">`;
  s += `<path d="M${f(x - sw / 2)} ${f(ground)}C${f(x - sw / 2 - 2)} ${f(ground - stemH * 0.5)} ${f(x - sw * 0.4)} ${f(capY + 10)} ${f(x - sw * 0.36)} ${f(capY)}L${f(x + sw * 0.36)} ${f(capY)}C${f(x + sw * 0.4)} ${f(capY + 10)} ${f(x + sw / 2 + 2)} ${f(ground - stemH * 0.5)} ${f(x + sw / 2)} ${f(ground)}Q${f(x)} ${f(ground + 8)} ${f(x - sw / 2)} ${f(ground)}Z" fill="${c.stem}"/>`;
  s += `<ellipse cx="${f(x)}" cy="${f(capY + 4)}" rx="${f(capR * 0.9)}" ry="${f(capH * 0.2)}" fill="${c.gills}"/>`;
  const capD = `M${f(x - capR)} ${f(capY)}C${f(x - capR * 1.02)} ${f(capY - capH * 1.3)} ${f(x + capR * 1.02)} ${f(capY - capH * 1.3)} ${f(x + capR)} ${f(capY)}Q${f(x)} ${f(capY + capH * 0.28)} ${f(x - capR)} ${f(capY)}Z`;
  s += `<path d="${capD}" fill="${c.cap}"/>`;
  // pale flecks towards the margin, as on a fresh shiitake
  const cl = clip(ctx, capD);
  let flecks = "";
  for (let i = 0; i < 34; i++) {
    const a = between(rng, -1.35, 1.35);
    const r = between(rng, 0.72, 1);
    const fx = x + Math.sin(a) * capR * r;
    const fy = capY - capH * 0.95 * Math.cos(a) * r + capH * 0.12;
    flecks += `M${f(fx)} ${f(fy)}h${f(between(rng, 1.5, 4))}`;
  }
  s += `<path d="${flecks}" stroke="#f3e6cf" stroke-width="2.6" stroke-linecap="round" opacity=".7" clip-path="${cl}"/>`;
  s += `<path d="M${f(x - capR + 4)} ${f(capY)}Q${f(x)} ${f(capY + capH * 0.26)} ${f(x + capR - 4)} ${f(capY)}" fill="none" stroke="#f3e6cf" stroke-width="3" opacity=".45"/>`;
  s += `<ellipse cx="${f(x - capR * 0.38)}" cy="${f(capY - capH * 0.62)}" rx="${f(capR * 0.28)}" ry="${f(capH * 0.2)}" fill="#fff" opacity=".25" filter="url(#b4)"/>`;
  return `${s}</g>`;
}

/** A mushroom lying cap-down: its gills and a stub of stem. */
function gillsUp(ctx: Ctx, x: number, y: number, r: number, c: MushroomColours): string {
  const { rng } = ctx;
  const ry = r * 0.55;
  let s = shadow(x + 8, y + 10, r, ry * 0.9, 0.4, 8);
  s += `<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(r)}" ry="${f(ry)}" fill="${c.cap}"/>`;
  s += `<ellipse cx="${f(x)}" cy="${f(y - 2)}" rx="${f(r - 7)}" ry="${f(ry - 6)}" fill="${c.gills}"/>`;
  let d = "";
  const n = 44;
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 + between(rng, -0.03, 0.03);
    d += `M${f(x + Math.cos(a) * r * 0.25)} ${f(y - 2 + Math.sin(a) * ry * 0.25)}L${f(x + Math.cos(a) * (r - 8))} ${f(y - 2 + Math.sin(a) * (ry - 7))}`;
  }
  s += `<path d="${d}" stroke="${c.gillLine}" stroke-width="1.2" opacity=".55"/>`;
  s += `<ellipse cx="${f(x)}" cy="${f(y - 4)}" rx="${f(r * 0.24)}" ry="${f(ry * 0.26)}" fill="${c.stem}"/>`;
  s += `<ellipse cx="${f(x)}" cy="${f(y - 6)}" rx="${f(r * 0.18)}" ry="${f(ry * 0.18)}" fill="#fff" opacity=".35"/>`;
  return s;
}

function morel(
  ctx: Ctx,
  x: number,
  ground: number,
  h: number,
  tilt: number,
  dark: boolean,
): string {
  const { rng } = ctx;
  const capW = h * 0.5;
  const capH = h * 0.62;
  const capY = ground - h * 0.4;
  const stemFill = linear(
    ctx,
    [
      [0, hsl(40, 30, 74)],
      [0.4, hsl(42, 40, 90)],
      [1, hsl(38, 26, 68)],
    ],
    0,
    0,
    1,
    0,
  );
  let s =
    shadow(x + 8, ground + 4, capW * 0.7, 10, 0.4, 8) +
    `<g transform="rotate(${f(tilt)} ${f(x)} ${f(ground)})">`;
  s += `<path d="M${f(x - capW * 0.32)} ${f(capY)}L${f(x - capW * 0.38)} ${f(ground - 4)}Q${f(x)} ${f(ground + 8)} ${f(x + capW * 0.38)} ${f(ground - 4)}L${f(x + capW * 0.32)} ${f(capY)}Z" fill="${stemFill}"/>`;
  const capD = `M${f(x - capW / 2)} ${f(capY + 6)}C${f(x - capW * 0.56)} ${f(capY - capH * 0.55)} ${f(x - capW * 0.15)} ${f(capY - capH)} ${f(x)} ${f(capY - capH)}C${f(x + capW * 0.15)} ${f(capY - capH)} ${f(x + capW * 0.56)} ${f(capY - capH * 0.55)} ${f(x + capW / 2)} ${f(capY + 6)}Q${f(x)} ${f(capY + 14)} ${f(x - capW / 2)} ${f(capY + 6)}Z`;
  const l = dark ? 36 : 50;
  const capFill = radial(ctx, [
    [0, hsl(34, 40, l + 16)],
    [1, hsl(28, 40, l - 12)],
  ]);
  s += `<path d="${capD}" fill="${capFill}"/>`;
  const cl = clip(ctx, capD);
  let pits = "";
  for (let row = 0; row < 9; row++) {
    const py = capY + 4 - row * (capH / 8.5);
    for (let col = -3; col <= 3; col++) {
      const px = x + col * (capW / 6) + (row % 2) * (capW / 12) + between(rng, -2, 2);
      pits += `M${f(px - 4)} ${f(py - 6)}q${f(-2)} 6 0 12q4 2 8 0q2 -6 0 -12q-4 -2 -8 0Z`;
    }
  }
  s += `<path d="${pits}" fill="${hsl(26, 45, l - 26)}" opacity=".8" clip-path="${cl}"/>`;
  s += `<ellipse cx="${f(x - capW * 0.18)}" cy="${f(capY - capH * 0.55)}" rx="${f(capW * 0.12)}" ry="${f(capH * 0.25)}" fill="#fff" opacity=".18" filter="url(#b4)"/>`;
  return `${s}</g>`;
}

/** One oyster cap in 3/4 view: a wavy tilted disc, its stem end towards (sx, sy). */
function oysterCap(
  ctx: Ctx,
  x: number,
  y: number,
  rx: number,
  ry: number,
  rot: number,
  stemEnd: Pt,
  hue: number,
): string {
  const { rng } = ctx;
  const d = blob(rng, x, y, rx, ry, rot, 0.07, 13);
  const k = 0.55;
  const ax = x + (stemEnd[0] - x) * k;
  const ay = y + (stemEnd[1] - y) * k * 0.5;
  const id = uid(ctx, "g");
  ctx.defs.push(
    `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${f(ax)}" cy="${f(ay)}" r="${f(rx * 1.2)}">${stopTags(
      [
        [0, hsl(40, 22, 84)],
        [0.16, hsl(hue, 7, 56)],
        [0.6, hsl(hue, 8, 42)],
        [0.9, hsl(hue, 7, 54)],
        [1, hsl(hue, 6, 66)],
      ],
    )}</radialGradient>`,
  );
  let s = dropShadow(d, 8, 16, 0.4, 8);
  s += `<path d="${d}" transform="translate(0 14)" fill="${hsl(42, 30, 86)}" stroke="${hsl(40, 20, 70)}" stroke-width="1.5"/>`;
  // gills: fine lines on the underside that shows below the front margin
  const under = clip(ctx, d);
  let gills = "";
  for (let i = 0; i < 40; i++) {
    const a = (i / 40) * Math.PI * 2;
    gills += `M${f(ax)} ${f(ay)}L${f(ax + Math.cos(a) * rx * 1.3)} ${f(ay + Math.sin(a) * ry * 1.3)}`;
  }
  s += `<g transform="translate(0 14)"><path d="${gills}" clip-path="${under}" stroke="${hsl(40, 18, 66)}" stroke-width="1.3"/></g>`;
  s += `<path d="${d}" fill="url(#${id})" stroke="${hsl(hue, 12, 32)}" stroke-width="2" stroke-opacity=".4"/>`;
  s += `<ellipse cx="${f(x - rx * 0.25)}" cy="${f(y - ry * 0.35)}" rx="${f(rx * 0.35)}" ry="${f(ry * 0.22)}" fill="#fff" opacity=".18" filter="url(#b4)"/>`;
  return s;
}

function drawMushroom(ctx: Ctx): string {
  const { rng, hue, slug } = ctx;
  let s = room(ctx, 330, true);
  if (has(slug, "morel")) {
    const dried = has(slug, "dried");
    s += shadow(400, 500, 280, 40, 0.3);
    const spots: readonly (readonly [number, number, number])[] = [
      [300, 470, 190],
      [430, 450, 230],
      [545, 480, 180],
      [220, 530, 150],
      [620, 540, 160],
    ];
    for (const [x, g, h] of spots)
      s += morel(ctx, x + between(rng, -10, 10), g, h, between(rng, -12, 12), dried);
    return s;
  }
  if (has(slug, "oyster")) {
    // a bouquet of caps on pale stems that meet at one base
    const base: Pt = [400, 500];
    const caps: readonly (readonly [number, number, number, number, number])[] = [
      [400, 205, 140, 60, 0.05],
      [285, 255, 150, 66, -0.25],
      [520, 250, 158, 68, 0.2],
      [240, 355, 128, 60, -0.35],
      [565, 355, 136, 62, 0.3],
      [400, 335, 150, 68, 0],
    ];
    s += shadow(400, 505, 220, 40, 0.4);
    const stemFill = linear(
      ctx,
      [
        [0, hsl(40, 22, 76)],
        [0.5, hsl(42, 30, 92)],
        [1, hsl(40, 20, 72)],
      ],
      0,
      0,
      1,
      0,
    );
    for (const [x, y] of caps) {
      const spine = walk(
        rng,
        base,
        Math.atan2(y - base[1], x - base[0]),
        Math.hypot(x - base[0], y - base[1]) * 0.85,
        5,
        0.05,
      );
      s += `<path d="${taper(spine, (t) => 44 - t * 20)}" fill="${stemFill}"/>`;
    }
    s += `<path d="${blob(rng, base[0], base[1] - 10, 46, 22, 0, 0.15, 9)}" fill="${hsl(40, 25, 82)}"/>`;
    for (const [x, y, rx, ry, rot] of caps) {
      s += oysterCap(
        ctx,
        x + between(rng, -6, 6),
        y,
        rx,
        ry,
        rot + between(rng, -0.05, 0.05),
        base,
        hue,
      );
    }
    return s;
  }
  const c: MushroomColours = {
    cap: radial(ctx, [
      [0, hsl(25 + (hue % 10), 45, 46)],
      [0.7, hsl(22, 50, 32)],
      [1, hsl(20, 50, 22)],
    ]),
    stem: linear(
      ctx,
      [
        [0, hsl(38, 30, 72)],
        [0.45, hsl(40, 40, 90)],
        [1, hsl(36, 28, 66)],
      ],
      0,
      0,
      1,
      0,
    ),
    gills: hsl(40, 40, 86),
    gillLine: hsl(32, 30, 62),
  };
  s += shadow(420, 470, 300, 45, 0.3);
  s += standingMushroom(ctx, 265, 445, 100, 80, between(rng, -9, -4), c);
  s += standingMushroom(ctx, 600, 465, 78, 64, between(rng, 5, 11), c);
  s += standingMushroom(ctx, 430, 455, 128, 96, between(rng, -2, 4), c);
  s += gillsUp(ctx, 215, 540, 82, c);
  s += gillsUp(ctx, 590, 550, 72, c);
  return s;
}

// --------------------------------------------------------------------- grain

interface Seed {
  readonly rx: number;
  readonly ry: number;
  readonly colors: readonly [number, number, number];
  readonly count: number;
}

function seedKind(ctx: Ctx): Seed {
  const { slug, hue } = ctx;
  if (has(slug, "millet")) return { rx: 4, ry: 3.6, colors: [46, 85, 60], count: 420 };
  if (has(slug, "tea")) return { rx: 4.6, ry: 4, colors: [32, 62, 42], count: 360 };
  if (has(slug, "buckwheat")) return { rx: 5.2, ry: 4, colors: [62, 38, 58], count: 330 };
  if (has(slug, "oat")) return { rx: 7.5, ry: 3.2, colors: [40, 38, 72], count: 300 };
  if (has(slug, "linseed", "flax")) return { rx: 5.5, ry: 3, colors: [24, 55, 36], count: 340 };
  return { rx: 4.5, ry: 3.8, colors: [hue, 50, 55], count: 360 };
}

function seeds(ctx: Ctx, sd: Seed, pts: readonly Pt[]): string {
  const { rng } = ctx;
  const [h, sat, l] = sd.colors;
  const fills = [-6, 0, 6].map((dl) =>
    radial(
      ctx,
      [
        [0, hsl(h + 4, sat, l + dl + 18)],
        [0.5, hsl(h, sat, l + dl)],
        [1, hsl(h - 4, sat, l + dl - 16)],
      ],
      0.35,
      0.3,
      0.75,
    ),
  );
  let s = "";
  for (const [x, y] of [...pts].sort((a, b) => a[1] - b[1])) {
    s += `<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(sd.rx * between(rng, 0.85, 1.1))}" ry="${f(sd.ry * between(rng, 0.85, 1.1))}" transform="rotate(${Math.round(between(rng, -60, 60))} ${f(x)} ${f(y)})" fill="${pick(rng, fills)}"/>`;
  }
  return s;
}

function oilBottle(ctx: Ctx, x: number, bottom: number): string {
  const glass = linear(
    ctx,
    [
      [0, hsl(48, 85, 36)],
      [0.3, hsl(50, 90, 58)],
      [0.6, hsl(46, 90, 48)],
      [1, hsl(40, 85, 30)],
    ],
    0,
    0,
    1,
    0,
  );
  const top = bottom - 300;
  const d = `M${x - 55} ${bottom - 14}Q${x - 55} ${bottom} ${x - 40} ${bottom}H${x + 40}Q${x + 55} ${bottom} ${x + 55} ${bottom - 14}V${top + 140}C${x + 55} ${top + 100} ${x + 20} ${top + 90} ${x + 18} ${top + 50}V${top + 20}H${x - 18}V${top + 50}C${x - 20} ${top + 90} ${x - 55} ${top + 100} ${x - 55} ${top + 140}Z`;
  let s = shadow(x + 16, bottom, 70, 14, 0.45, 8);
  s += `<path d="${d}" fill="${glass}"/>`;
  s += `<path d="M${x - 36} ${top + 150}V${bottom - 24}" stroke="#fff" stroke-width="8" stroke-linecap="round" opacity=".35"/>`;
  s += `<rect x="${x - 22}" y="${top}" width="44" height="30" rx="5" fill="${hsl(ctx.hue + 180, 40, 35)}"/>`;
  s += `<rect x="${x - 55}" y="${top + 170}" width="110" height="80" fill="${hsl(ctx.hue + 10, 40, 92)}"/>`;
  s += `<circle cx="${x}" cy="${top + 210}" r="22" fill="none" stroke="${hsl(ctx.hue + 180, 40, 40)}" stroke-width="3"/>`;
  s += `<path d="M${x} ${top + 196}q10 14 0 28q-10 -14 0 -28" fill="${hsl(100, 40, 45)}"/>`;
  return s;
}

function teaCup(ctx: Ctx, x: number, bottom: number): string {
  const glass = linear(
    ctx,
    [
      [0, "#fff", 0.5],
      [0.5, "#fff", 0.15],
      [1, "#fff", 0.5],
    ],
    0,
    0,
    1,
    0,
  );
  const tea = linear(ctx, [
    [0, hsl(38, 85, 55)],
    [1, hsl(30, 80, 36)],
  ]);
  const top = bottom - 170;
  let s = shadow(x + 12, bottom, 80, 14, 0.4, 8);
  s += `<path d="M${x - 70} ${top + 50}L${x - 60} ${bottom - 10}Q${x - 58} ${bottom} ${x - 48} ${bottom}H${x + 48}Q${x + 58} ${bottom} ${x + 60} ${bottom - 10}L${x + 70} ${top + 50}Z" fill="${tea}" opacity=".9"/>`;
  s += `<ellipse cx="${x}" cy="${top + 50}" rx="70" ry="10" fill="${hsl(40, 85, 62)}"/>`;
  s += `<path d="M${x - 74} ${top}L${x - 60} ${bottom - 10}Q${x - 58} ${bottom} ${x - 48} ${bottom}H${x + 48}Q${x + 58} ${bottom} ${x + 60} ${bottom - 10}L${x + 74} ${top}Z" fill="${glass}" stroke="#fff" stroke-width="2" stroke-opacity=".7"/>`;
  s += `<ellipse cx="${x}" cy="${top}" rx="74" ry="12" fill="none" stroke="#fff" stroke-width="3" opacity=".7"/>`;
  const { rng } = ctx;
  for (let i = 0; i < 14; i++) {
    s += `<ellipse cx="${f(x + between(ctx.rng, -50, 50))}" cy="${f(bottom - between(rng, 8, 22))}" rx="4.5" ry="4" fill="${hsl(32, 62, 40)}"/>`;
  }
  return s;
}

function drawGrain(ctx: Ctx): string {
  const { rng, hue, slug } = ctx;
  const sd = seedKind(ctx);
  const extra = has(slug, "oil") ? "oil" : has(slug, "tea") ? "tea" : null;
  let s = room(ctx, 320, rng() < 0.6);
  const cx = extra ? 320 : 400;
  const rimY = 370;
  const rx = extra ? 190 : 210;
  const ry = 48;
  const domeH = 95;
  const wooden = rng() < 0.5;
  const bc: readonly [string, string, string] = wooden
    ? [hsl(28, 45, 55), hsl(26, 45, 44), hsl(24, 45, 28)]
    : [hsl(hue + 190, 30, 88), hsl(hue + 190, 25, 78), hsl(hue + 190, 28, 56)];
  const b = bowl(ctx, cx, rimY, rx, ry, 130, bc);
  s += b.back;
  const [h, sat, l] = sd.colors;
  const mound = `M${f(cx - rx + 8)} ${f(rimY)}C${f(cx - rx * 0.6)} ${f(rimY - domeH * 1.3)} ${f(cx + rx * 0.6)} ${f(rimY - domeH * 1.3)} ${f(cx + rx - 8)} ${f(rimY)}A${f(rx - 8)} ${f(ry - 5)} 0 0 1 ${f(cx - rx + 8)} ${f(rimY)}Z`;
  s += `<path d="${mound}" fill="${hsl(h, sat, l - 14)}"/>`;
  const pts: Pt[] = [];
  let guard = 0;
  while (pts.length < sd.count && guard < sd.count * 20) {
    guard += 1;
    const x = cx + between(rng, -1, 1) * (rx - 10);
    const y = rimY + between(rng, -domeH, ry - 6);
    const u = (x - cx) / (rx - 12);
    const inRim = u * u + ((y - rimY) / (ry - 6)) ** 2 <= 1;
    const inDome = y <= rimY && y >= rimY - domeH * (1 - u * u) * 0.98;
    if (inRim || inDome) pts.push([x, y]);
  }
  s += seeds(ctx, sd, pts) + b.front;
  const spill: Pt[] = [];
  const sx = extra ? 330 : 560;
  for (let i = 0; i < 46; i++) {
    const a = rng() * Math.PI * 2;
    const r = Math.pow(rng(), 1.6) * 120;
    spill.push([sx + Math.cos(a) * r * 1.6, 545 + Math.sin(a) * r * 0.28]);
  }
  s += seeds(ctx, sd, spill);
  if (extra === "oil") s += oilBottle(ctx, 630, 520);
  else if (extra === "tea") s += teaCup(ctx, 630, 520);
  return s;
}

// ---------------------------------------------------------------------- meat

interface Layer {
  readonly color: string;
  readonly height: number;
}

function meatLayers(rng: Rng, rind: string, fat: string, lean: string, total: number): Layer[] {
  const layers: Layer[] = [{ color: rind, height: 9 }];
  let sum = 9;
  let isFat = true;
  while (sum < total) {
    const hgt = isFat ? between(rng, 10, 22) : between(rng, 14, 30);
    layers.push({ color: isFat ? fat : lean, height: hgt });
    sum += hgt;
    isFat = !isFat;
  }
  return layers;
}

/** A face showing the layers, drawn in a w×h box at the origin. */
function layeredFace(ctx: Ctx, w: number, h: number, layers: readonly Layer[]): string {
  const { rng } = ctx;
  const d = `M0 4Q0 0 4 0H${f(w - 4)}Q${f(w)} 0 ${f(w)} 4V${f(h - 8)}Q${f(w)} ${f(h)} ${f(w - 8)} ${f(h)}H8Q0 ${f(h)} 0 ${f(h - 8)}Z`;
  const cl = clip(ctx, d);
  let s = `<g clip-path="${cl}"><rect width="${f(w)}" height="${f(h)}" fill="${at(layers, layers.length - 1).color}"/>`;
  let y = 0;
  const scale = h / layers.reduce((a, l) => a + l.height, 0);
  let prev: Pt[] = [
    [-10, -10],
    [w + 10, -10],
  ];
  for (const layer of layers) {
    y += layer.height * scale;
    const edge: Pt[] = [];
    const ph = rng() * 6;
    for (let k = 0; k <= 6; k++)
      edge.push([(k * w) / 6, y + Math.sin(ph + k * 1.2) * between(rng, 1, 4)]);
    s += `<path d="M${pt(at(prev, 0))}${prev
      .slice(1)
      .map((p) => `L${pt(p)}`)
      .join("")}L${f(w + 10)} ${f(y)}${[...edge]
      .reverse()
      .map((p) => `L${pt(p)}`)
      .join("")}L-10 ${f(y)}Z" fill="${layer.color}"/>`;
    prev = edge;
  }
  return `${s}</g>`;
}

interface MeatPalette {
  readonly rind: string;
  readonly fat: string;
  readonly lean: string;
  readonly top: string;
}

function meatSlab(
  ctx: Ctx,
  x0: number,
  y0: number,
  w: number,
  h: number,
  dx: number,
  dy: number,
  p: MeatPalette,
): string {
  const { rng } = ctx;
  const layers = meatLayers(rng, p.rind, p.fat, p.lean, h);
  let s = shadow(x0 + w / 2 + dx / 2 + 10, y0 + h + 4, w * 0.62, 24, 0.5);
  const top = polygon([
    [x0, y0],
    [x0 + w, y0],
    [x0 + w + dx, y0 + dy],
    [x0 + dx, y0 + dy],
  ]);
  s += `<path d="${top}" fill="${p.top}" stroke="${p.top}" stroke-width="6" stroke-linejoin="round"/>`;
  for (let i = 0; i < 4; i++) {
    const t = between(ctx.rng, 0.15, 0.85);
    s += `<path d="M${f(x0 + dx * t + 20)} ${f(y0 + dy * t)}h${f(between(rng, 60, 160))}" stroke="#fff" stroke-width="${f(between(rng, 2, 5))}" stroke-linecap="round" opacity=".22"/>`;
  }
  s += `<g transform="translate(${f(x0)} ${f(y0)})">${layeredFace(ctx, w, h, layers)}</g>`;
  s += `<g transform="matrix(${f(dx / 40)} ${f(dy / 40)} 0 1 ${f(x0 + w)} ${f(y0)})">${layeredFace(ctx, 40, h, layers)}<rect width="40" height="${f(h)}" fill="#000" opacity=".22"/></g>`;
  return s;
}

function meatSlice(
  ctx: Ctx,
  x: number,
  y: number,
  rot: number,
  w: number,
  h: number,
  p: MeatPalette,
): string {
  const layers = meatLayers(ctx.rng, p.rind, p.fat, p.lean, h);
  const d = `M0 0H${f(w)}V${f(h)}H0Z`;
  return `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(rot)})">${dropShadow(d, 4, 8, 0.35, 4)}${layeredFace(ctx, w, h, layers)}</g>`;
}

function chilli(ctx: Ctx, x: number, y: number, angle: number): string {
  const { rng } = ctx;
  const spine = walk(rng, [0, 0], 0, between(rng, 90, 120), 8, 0.15);
  const d = taper(spine, (t) => 20 * Math.pow(1 - t, 0.7) + 2);
  const g = linear(ctx, [
    [0, hsl(4, 80, 56)],
    [0.5, hsl(356, 78, 40)],
    [1, hsl(352, 80, 26)],
  ]);
  return `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(angle)})">${dropShadow(d, 3, 6, 0.35, 4)}<path d="${d}" fill="${g}"/><path d="M2 -4q-10 0 -18 -8" stroke="${hsl(95, 40, 32)}" stroke-width="5" fill="none" stroke-linecap="round"/><path d="M10 -5q40 -4 70 6" stroke="#fff" stroke-width="3" fill="none" opacity=".3" stroke-linecap="round"/></g>`;
}

function steak(ctx: Ctx, x: number, y: number, rx: number, ry: number, rot: number): string {
  const { rng } = ctx;
  const d = blob(rng, x, y, rx, ry, rot, 0.1, 9);
  const fill = radial(ctx, [
    [0, hsl(358, 62, 48)],
    [0.7, hsl(355, 62, 38)],
    [1, hsl(352, 60, 28)],
  ]);
  // the fat cap shows as a crescent along one side
  const inner = blob(rng, x + rx * 0.07, y + ry * 0.08, rx * 0.93, ry * 0.9, rot, 0.08, 9);
  let s = dropShadow(d, 6, 10, 0.4, 8) + dropShadow(inner, 6, 10, 0.4, 8);
  s += `<path d="${d}" fill="${hsl(40, 45, 86)}"/><path d="${inner}" fill="${fill}"/>`;
  const cl = clip(ctx, inner);
  let marb = "";
  for (let i = 0; i < 9; i++) {
    const p = walk(
      rng,
      [x + between(rng, -rx, rx) * 0.7, y + between(rng, -ry, ry) * 0.7],
      rng() * Math.PI * 2,
      between(rng, 30, 80),
      4,
      0.6,
    );
    marb += openPath(p);
  }
  s += `<path d="${marb}" fill="none" stroke="${hsl(30, 40, 88)}" stroke-width="2.2" opacity=".75" clip-path="${cl}" stroke-linecap="round"/>`;
  return s;
}

/** A single lamb chop lying flat: a bone with the loin eye at one end. */
function lambChop(ctx: Ctx, x: number, y: number, angle: number): string {
  const bone = `<path d="M0 0L${f(-110)} -26" stroke="${hsl(38, 30, 68)}" stroke-width="22" stroke-linecap="round"/><path d="M0 0L${f(-110)} -26" stroke="${hsl(42, 40, 93)}" stroke-width="15" stroke-linecap="round"/>`;
  return `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(angle)})">${dropShadow("M0 0L-110 -26", 4, 8, 0.3, 4)}${bone}${steak(ctx, 40, 10, 64, 46, 0.2)}</g>`;
}

/** A frenched rack of lamb seen from the side: clean bones above a fat-capped loin. */
function ribRack(ctx: Ctx, x: number, y: number, rot: number): string {
  const { rng } = ctx;
  let s = `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(rot)})">`;
  const body = closedPath([
    [-175, -30],
    [-60, -48],
    [80, -46],
    [178, -26],
    [185, 40],
    [60, 66],
    [-80, 64],
    [-185, 40],
  ]);
  let bones = "";
  for (let i = 0; i < 7; i++) {
    const bx = -140 + i * 47 + between(rng, -3, 3);
    bones += `M${f(bx)} 20L${f(bx + 18 + between(rng, -4, 4))} ${f(-between(rng, 92, 104))}`;
  }
  s += dropShadow(body, 6, 14, 0.4, 8);
  s += `<path d="${bones}" transform="translate(5 10)" stroke="#1d1208" stroke-width="18" stroke-linecap="round" opacity=".25" filter="url(#b4)"/>`;
  s += `<path d="${bones}" stroke="${hsl(38, 30, 68)}" stroke-width="25" stroke-linecap="round"/>`;
  s += `<path d="${bones}" stroke="${hsl(42, 40, 93)}" stroke-width="17" stroke-linecap="round"/>`;
  const meat = radial(ctx, [
    [0, hsl(5, 58, 60)],
    [0.7, hsl(358, 55, 46)],
    [1, hsl(355, 50, 34)],
  ]);
  s += `<path d="${body}" fill="${meat}"/>`;
  const cl = clip(ctx, body);
  const fat = linear(ctx, [
    [0, hsl(40, 50, 92)],
    [1, hsl(34, 42, 78)],
  ]);
  s += `<g clip-path="${cl}"><path d="M-200 -60H200V8Q0 22 -200 6Z" fill="${fat}"/>`;
  let score = "";
  for (let k = -6; k <= 6; k++) score += `M${k * 50 - 40} -60l80 70M${k * 50 + 40} -60l-80 70`;
  s += `<path d="${score}" stroke="${hsl(30, 40, 62)}" stroke-width="2" opacity=".5"/></g>`;
  return `${s}</g>`;
}

/** Hoarfrost on frozen meat: pale blurred patches and fine ice specks. */
function frost(ctx: Ctx, x0: number, y0: number, w: number, h: number): string {
  const { rng } = ctx;
  let s = "";
  for (let i = 0; i < 6; i++) {
    s += `<ellipse cx="${f(x0 + rng() * w)}" cy="${f(y0 + rng() * h)}" rx="${f(between(rng, 30, 60))}" ry="${f(between(rng, 12, 24))}" fill="${hsl(200, 60, 95)}" opacity=".35" filter="url(#b8)"/>`;
  }
  let specks = "";
  for (let i = 0; i < 60; i++) {
    specks += `M${f(x0 + rng() * w)} ${f(y0 + rng() * h)}h${f(between(rng, 0.5, 2))}`;
  }
  return `${s}<path d="${specks}" stroke="${hsl(200, 70, 96)}" stroke-width="2.4" stroke-linecap="round" opacity=".85"/>`;
}

function cuttingBoard(ctx: Ctx): string {
  const wood = linear(ctx, [
    [0, hsl(32, 45, 66)],
    [1, hsl(28, 42, 54)],
  ]);
  return (
    shadow(410, 545, 320, 30, 0.45) +
    `<rect x="100" y="300" width="620" height="250" rx="28" fill="${hsl(26, 40, 40)}"/>` +
    `<rect x="100" y="290" width="620" height="236" rx="28" fill="${wood}"/>` +
    `<path d="M140 340q200 -10 540 6M150 420q260 10 520 -4M140 480q240 -6 520 4" stroke="${hsl(28, 40, 48)}" stroke-width="2" fill="none" opacity=".4"/>`
  );
}

function drawMeat(ctx: Ctx): string {
  const { rng, slug } = ctx;
  let s = room(ctx, 300, false) + cuttingBoard(ctx);
  const frozen = has(slug, "frozen");
  if (has(slug, "beef")) {
    s += steak(ctx, 300, 400, 150, 95, between(rng, -0.3, 0.1));
    s += steak(ctx, 520, 420, 140, 90, between(rng, 0.1, 0.4));
    if (frozen) s += frost(ctx, 180, 340, 440, 140);
    return s;
  }
  if (has(slug, "lamb")) {
    s += ribRack(ctx, 410, 380, between(rng, -7, -3));
    s += lambChop(ctx, 205, 480, between(rng, -30, -15));
    s += lambChop(ctx, 610, 488, between(rng, 15, 30));
    if (frozen) s += frost(ctx, 250, 320, 330, 90);
    return s;
  }
  const cured = has(slug, "cured", "larou", "smoked");
  const p: MeatPalette = cured
    ? {
        rind: hsl(25, 62, 26),
        fat: hsl(40, 60, 78),
        lean: hsl(8, 52, 34),
        top: linear(ctx, [
          [0, hsl(32, 66, 42)],
          [1, hsl(24, 62, 28)],
        ]),
      }
    : {
        rind: hsl(25, 35, 76),
        fat: hsl(36, 35, 92),
        lean: hsl(3, 45, 60),
        top: linear(ctx, [
          [0, hsl(24, 40, 80)],
          [1, hsl(18, 36, 66)],
        ]),
      };
  s += meatSlab(ctx, 170, 300, 330, 130, 80, -60, p);
  const slices: readonly (readonly [number, number, number])[] = [
    [450, 440, -10],
    [500, 450, 2],
    [545, 462, 14],
  ];
  for (const [x, y, r] of slices)
    s += meatSlice(ctx, x + between(rng, -6, 6), y, r + between(rng, -3, 3), 150, 40, p);
  if (cured) {
    s += chilli(ctx, 140, 480, between(rng, 10, 25));
    s += chilli(ctx, 190, 505, between(rng, -10, 5));
  }
  if (frozen) s += frost(ctx, 180, 310, 300, 110);
  return s;
}

// ----------------------------------------------------------------- vegetable

function broccoli(ctx: Ctx, cx: number, ground: number, size: number): string {
  const { rng } = ctx;
  const stemFill = linear(
    ctx,
    [
      [0, hsl(85, 35, 55)],
      [0.5, hsl(80, 40, 75)],
      [1, hsl(88, 35, 48)],
    ],
    0,
    0,
    1,
    0,
  );
  const crownY = ground - size * 0.95;
  let s = shadow(cx + 10, ground + 2, size * 0.8, 18, 0.4, 8);
  let stems = "";
  for (let i = -2; i <= 2; i++) {
    stems += `<path d="M${f(cx + i * 6)} ${f(ground)}Q${f(cx + i * 8)} ${f(ground - size * 0.4)} ${f(cx + i * size * 0.22)} ${f(crownY + size * 0.15)}" stroke="${stemFill}" stroke-width="${f(size * 0.16)}" fill="none" stroke-linecap="round"/>`;
  }
  s += stems;
  s += `<path d="M${f(cx - size * 0.18)} ${f(ground)}L${f(cx - size * 0.14)} ${f(ground - size * 0.45)}H${f(cx + size * 0.14)}L${f(cx + size * 0.18)} ${f(ground)}Z" fill="${stemFill}"/>`;
  const florets: Pt[] = [];
  for (let i = 0; i < 30; i++) {
    const a = between(rng, Math.PI * 1.02, Math.PI * 1.98);
    const r = Math.sqrt(rng());
    florets.push([
      cx + Math.cos(a) * size * 0.78 * r,
      crownY + size * 0.18 + Math.sin(a) * size * 0.55 * r,
    ]);
  }
  florets.sort((a, b) => a[1] - b[1]);
  const fills = [0, 1].map((k) =>
    radial(ctx, [
      [0, hsl(96 + k * 8, 45, 48)],
      [0.7, hsl(110 + k * 6, 50, 32)],
      [1, hsl(120, 50, 22)],
    ]),
  );
  const bumps = radial(ctx, [
    [0, hsl(90, 45, 58)],
    [1, hsl(110, 50, 34)],
  ]);
  for (const [x, y] of florets) {
    const r = size * between(rng, 0.2, 0.26);
    s += `<circle cx="${f(x + 4)}" cy="${f(y + 6)}" r="${f(r)}" fill="${hsl(120, 40, 18)}" opacity=".5"/>`;
    s += `<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}" fill="${pick(rng, fills)}"/>`;
    for (let k = 0; k < 4; k++) {
      const a = rng() * Math.PI * 2;
      s += `<circle cx="${f(x + Math.cos(a) * r * 0.5)}" cy="${f(y + Math.sin(a) * r * 0.5)}" r="${f(r * 0.38)}" fill="${bumps}"/>`;
    }
  }
  return s;
}

function leaf(
  ctx: Ctx,
  x: number,
  y: number,
  len: number,
  wid: number,
  angle: number,
  fill: string,
  vein: string,
): string {
  const d = `M0 0C${f(len * 0.2)} ${f(-wid)} ${f(len * 0.8)} ${f(-wid * 1.1)} ${f(len)} ${f(-wid * 0.1)}C${f(len * 0.85)} ${f(wid * 1.0)} ${f(len * 0.25)} ${f(wid)} 0 0Z`;
  let veins = `M0 0Q${f(len * 0.5)} ${f(-wid * 0.05)} ${f(len * 0.95)} ${f(-wid * 0.1)}`;
  for (let i = 1; i <= 4; i++) {
    const vx = len * (i / 5.5);
    veins += `M${f(vx)} ${f(-wid * 0.02)}l${f(len * 0.12)} ${f(-wid * 0.55)}M${f(vx)} ${f(-wid * 0.02)}l${f(len * 0.12)} ${f(wid * 0.5)}`;
  }
  return `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(angle)})">${dropShadow(d, 3, 6, 0.3, 4)}<path d="${d}" fill="${fill}"/><path d="${veins}" stroke="${vein}" stroke-width="2.2" fill="none" opacity=".7" stroke-linecap="round"/></g>`;
}

function cabbage(ctx: Ctx, cx: number, ground: number, r: number): string {
  const { rng } = ctx;
  const cy = ground - r * 0.95;
  const outer = radial(ctx, [
    [0, hsl(95, 40, 62)],
    [1, hsl(110, 42, 34)],
  ]);
  const vein = hsl(80, 40, 84);
  let s = shadow(cx + 10, ground + 2, r * 1.4, 22, 0.4, 8);
  const leaves: readonly (readonly [number, number])[] = [
    [-160, 1.05],
    [-20, 1.05],
    [-125, 0.95],
    [-55, 0.95],
    [170, 0.8],
    [10, 0.8],
  ];
  for (const [a, k] of leaves) {
    const rad = (a * Math.PI) / 180;
    s += leaf(
      ctx,
      cx + Math.cos(rad) * r * 0.2,
      cy + r * 0.35 + Math.sin(rad) * r * 0.2,
      r * 1.25 * k,
      r * 0.55 * k,
      a + between(rng, -6, 6),
      outer,
      vein,
    );
  }
  const head = radial(ctx, [
    [0, hsl(75, 55, 84)],
    [0.6, hsl(85, 48, 66)],
    [1, hsl(95, 45, 44)],
  ]);
  s += `<circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}" fill="${head}"/>`;
  const cl = clip(
    ctx,
    `M${f(cx - r)} ${f(cy)}a${f(r)} ${f(r)} 0 1 0 ${f(r * 2)} 0a${f(r)} ${f(r)} 0 1 0 ${f(-r * 2)} 0Z`,
  );
  let wraps = "";
  for (let i = 0; i < 3; i++) {
    const side = i % 2 === 0 ? -1 : 1;
    const ox = cx + side * r * between(rng, 0.1, 0.4);
    wraps += `M${f(ox - side * r * 1.2)} ${f(cy + r)}Q${f(ox + side * r * 0.2)} ${f(cy - r * 0.2)} ${f(ox - side * r * 0.3)} ${f(cy - r * 1.1)}`;
  }
  s += `<path d="${wraps}" fill="none" stroke="${hsl(90, 35, 46)}" stroke-width="3" opacity=".45" clip-path="${cl}"/>`;
  s += `<path d="${wraps}" fill="none" stroke="#fff" stroke-width="3" opacity=".35" transform="translate(-4 0)" clip-path="${cl}"/>`;
  s += `<path d="M${f(cx - r * 0.2)} ${f(cy + r)}Q${f(cx - r * 0.05)} ${f(cy)} ${f(cx - r * 0.25)} ${f(cy - r * 0.7)}" fill="none" stroke="${vein}" stroke-width="4" opacity=".6"/>`;
  s += leaf(ctx, cx - r * 0.5, ground - 12, r * 1.1, r * 0.45, -8, outer, vein);
  s += leaf(ctx, cx + r * 0.5, ground - 8, r * 1.0, r * 0.42, 188, outer, vein);
  return s;
}

function babyCabbage(ctx: Ctx, x: number, ground: number, h: number, tilt: number): string {
  const { rng } = ctx;
  const w = h * 0.42;
  const fill = linear(ctx, [
    [0, hsl(82, 55, 60)],
    [0.35, hsl(70, 55, 80)],
    [0.75, hsl(58, 40, 92)],
    [1, hsl(55, 25, 96)],
  ]);
  const back = linear(ctx, [
    [0, hsl(90, 50, 46)],
    [0.5, hsl(75, 45, 70)],
    [1, hsl(60, 30, 88)],
  ]);
  const leafD = (lw: number, lh: number, dx: number): string => {
    const top: Pt[] = [];
    for (let i = 0; i <= 8; i++) {
      const t = i / 8;
      top.push([
        dx - lw * 0.55 + t * lw * 1.1,
        -lh + Math.sin(t * Math.PI) * -lh * 0.06 + (i % 2) * lh * 0.03 + between(rng, -3, 3),
      ]);
    }
    return `M${f(dx)} 0C${f(dx - lw * 0.45)} ${f(-lh * 0.05)} ${f(dx - lw * 0.62)} ${f(-lh * 0.6)} ${pt(at(top, 0))}${openPath(top).replace(/^M[^C]*/, "")}C${f(dx + lw * 0.62)} ${f(-lh * 0.6)} ${f(dx + lw * 0.45)} ${f(-lh * 0.05)} ${f(dx)} 0Z`;
  };
  let s =
    shadow(x + 10, ground + 2, w * 0.9, 16, 0.4, 8) +
    `<g transform="translate(${f(x)} ${f(ground)}) rotate(${f(tilt)})">`;
  s += `<path d="${leafD(w * 1.05, h, 0)}" fill="${back}"/>`;
  s += `<path d="${leafD(w * 0.8, h * 0.93, -w * 0.22)}" fill="${fill}" stroke="${hsl(75, 30, 70)}" stroke-width="1.5"/>`;
  s += `<path d="${leafD(w * 0.8, h * 0.9, w * 0.22)}" fill="${fill}" stroke="${hsl(75, 30, 70)}" stroke-width="1.5"/>`;
  s += `<path d="${leafD(w * 0.7, h * 0.84, 0)}" fill="${fill}" stroke="${hsl(75, 30, 70)}" stroke-width="1.5"/>`;
  let ribs = "";
  for (const dx of [-w * 0.22, 0, w * 0.22])
    ribs += `M${f(dx * 0.5)} -4Q${f(dx * 0.9)} ${f(-h * 0.4)} ${f(dx * 1.1)} ${f(-h * 0.72)}`;
  s += `<path d="${ribs}" stroke="#fff" stroke-width="7" fill="none" stroke-linecap="round" opacity=".7"/>`;
  s += `<path d="${ribs}" stroke="${hsl(70, 30, 80)}" stroke-width="1.5" fill="none" opacity=".8"/>`;
  return `${s}</g>`;
}

function carrot(ctx: Ctx, x: number, y: number, angle: number): string {
  const { rng } = ctx;
  const spine = walk(rng, [0, 0], 0, between(rng, 150, 180), 6, 0.05);
  const d = taper(spine, (t) => 34 * Math.pow(1 - t, 0.8) + 3);
  const g = linear(ctx, [
    [0, hsl(32, 95, 62)],
    [0.5, hsl(26, 92, 52)],
    [1, hsl(20, 85, 40)],
  ]);
  let tops = "";
  for (let i = 0; i < 5; i++)
    tops += `M0 0q${f(-30 - i * 6)} ${f(-20 + i * 10)} ${f(-60 - i * 8)} ${f(-30 + i * 14)}`;
  let rings = "";
  for (let i = 1; i < 6; i++) {
    const p = at(spine, i);
    rings += `M${f(p[0])} ${f(p[1] - 8)}q3 6 0 ${f(10 - i)}`;
  }
  return `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(angle)})"><path d="${tops}" stroke="${hsl(105, 50, 36)}" stroke-width="5" fill="none" stroke-linecap="round"/>${dropShadow(d, 4, 8, 0.3, 4)}<path d="${d}" fill="${g}"/><path d="${rings}" stroke="${hsl(20, 70, 38)}" stroke-width="1.5" fill="none" opacity=".5"/></g>`;
}

function drawVegetable(ctx: Ctx): string {
  const { rng, slug } = ctx;
  let s = room(ctx, 330, rng() < 0.5);
  if (has(slug, "baby", "wawa")) {
    s += babyCabbage(ctx, 250, 530, 330, -10);
    s += babyCabbage(ctx, 560, 540, 320, 9);
    s += babyCabbage(ctx, 400, 560, 360, between(rng, -3, 3));
    return s;
  }
  if (has(slug, "broccoli")) {
    s += broccoli(ctx, 260, 500, 190);
    s += broccoli(ctx, 560, 520, 210);
    s += broccoli(ctx, 410, 560, 150);
    return s;
  }
  s += cabbage(ctx, 300, 500, 140);
  s += cabbage(ctx, 560, 530, 120);
  s += carrot(ctx, 150, 560, between(rng, -12, -4));
  return s;
}

// ---------------------------------------------------------------------- lily

function lilyScale(
  x: number,
  y: number,
  w: number,
  h: number,
  angle: number,
  fill: string,
  edge: string,
): string {
  const d = `M0 0C${f(-w * 1.25)} ${f(-h * 0.08)} ${f(-w * 1.05)} ${f(-h * 0.98)} 0 ${f(-h)}C${f(w * 1.05)} ${f(-h * 0.98)} ${f(w * 1.25)} ${f(-h * 0.08)} 0 0Z`;
  return `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(angle)})"><path d="${d}" fill="${fill}" stroke="${edge}" stroke-width="1.6"/><path d="M0 -6Q${f(w * 0.1)} ${f(-h * 0.4)} 0 ${f(-h * 0.75)}" stroke="${edge}" stroke-width="1.2" fill="none" opacity=".5"/></g>`;
}

function lilyBulb(ctx: Ctx, cx: number, base: number, h: number): string {
  const { rng } = ctx;
  const fill = (dl: number): string =>
    linear(ctx, [
      [0, hsl(24, 45, 86 + dl)],
      [0.3, hsl(42, 50, 93 + dl)],
      [1, hsl(48, 35, 89 + dl)],
    ]);
  const edge = hsl(36, 30, 64);
  let s = shadow(cx + 10, base + 2, h * 0.6, 18, 0.5, 8);
  let roots = "";
  for (let i = 0; i < 9; i++)
    roots += `M${f(cx + between(rng, -16, 16))} ${f(base - 4)}q${f(between(rng, -20, 20))} 16 ${f(between(rng, -34, 34))} ${f(between(rng, 18, 30))}`;
  s += `<path d="${roots}" stroke="${hsl(35, 35, 55)}" stroke-width="2" fill="none" stroke-linecap="round"/>`;
  // back to front: [count, spread, height, width, shade]; the outer scales are
  // shorter, so the bulb reads as a dome of overlapping scales
  const layers: readonly (readonly [number, number, number, number, number])[] = [
    [3, 0.4, 1, 0.22, -8],
    [4, 0.75, 0.86, 0.26, -4],
    [3, 0.55, 0.66, 0.32, 0],
  ];
  for (const [count, spread, kh, kw, dl] of layers) {
    const fl = fill(dl);
    for (let i = 0; i < count; i++) {
      const k = -spread + (i / (count - 1)) * spread * 2 + between(rng, -0.04, 0.04);
      s += lilyScale(
        cx + k * h * 0.45,
        base,
        h * kw * between(rng, 0.92, 1.05),
        h * kh * (1 - 0.3 * k * k) * between(rng, 0.94, 1.04),
        -k * 10,
        fl,
        edge,
      );
    }
  }
  s += `<ellipse cx="${f(cx)}" cy="${f(base - 2)}" rx="${f(h * 0.16)}" ry="8" fill="${hsl(32, 35, 60)}"/>`;
  return s;
}

function driedScale(ctx: Ctx, x: number, y: number): string {
  const { rng } = ctx;
  const w = between(rng, 14, 20);
  const h = between(rng, 40, 58);
  const a = between(rng, -180, 180);
  const d = `M0 0C${f(-w)} ${f(-h * 0.2)} ${f(-w * 0.8)} ${f(-h * 0.85)} ${f(between(rng, -4, 4))} ${f(-h)}C${f(w * 0.6)} ${f(-h * 0.8)} ${f(w * 0.9)} ${f(-h * 0.2)} 0 0Z`;
  const l = between(rng, 70, 82);
  return `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(a)})">${dropShadow(d, 2, 4, 0.3, 2)}<path d="${d}" fill="${hsl(44, 55, l)}" stroke="${hsl(38, 45, l - 18)}" stroke-width="1.5"/><path d="M${f(-w * 0.4)} ${f(-h * 0.3)}Q0 ${f(-h * 0.6)} ${f(w * 0.3)} ${f(-h * 0.85)}" stroke="#fff" stroke-width="2" opacity=".4" fill="none"/></g>`;
}

function drawLily(ctx: Ctx): string {
  const { rng, hue, slug } = ctx;
  const bg = linear(ctx, [
    [0, hsl(hue + 160, 22, 30)],
    [1, hsl(hue + 160, 26, 18)],
  ]);
  let s = `<rect width="${W}" height="${H}" fill="${bg}"/>` + softLight(ctx);
  if (has(slug, "dried")) {
    const b = bowl(ctx, 400, 330, 230, 56, 150, [
      hsl(hue + 180, 20, 90),
      hsl(hue + 180, 18, 80),
      hsl(hue + 180, 22, 58),
    ]);
    s += b.back;
    const pts: Pt[] = [];
    for (let i = 0; i < 70; i++) {
      const u = between(rng, -1, 1);
      pts.push([400 + u * 200, 330 + between(rng, -70 * (1 - u * u), 40)]);
    }
    pts.sort((a, b2) => a[1] - b2[1]);
    for (const [x, y] of pts) s += driedScale(ctx, x, y + 20);
    s += b.front;
    for (let i = 0; i < 8; i++)
      s += driedScale(ctx, between(rng, 120, 680), between(rng, 540, 580));
    return s;
  }
  s += lilyBulb(ctx, 210, 430, 200);
  s += lilyBulb(ctx, 595, 425, 210);
  s += lilyBulb(ctx, 405, 500, 260);
  const edge = hsl(38, 28, 70);
  const loose = linear(ctx, [
    [0, hsl(22, 60, 86)],
    [0.4, hsl(42, 50, 94)],
    [1, hsl(48, 35, 88)],
  ]);
  for (let i = 0; i < 5; i++) {
    const x = between(rng, 120, 700);
    const y = between(rng, 540, 575);
    const a = between(rng, 60, 120) * (rng() < 0.5 ? -1 : 1);
    s += `<g>${shadow(x, y + 4, 34, 8, 0.4, 4)}${lilyScale(x, y, 26, 70, a, loose, edge)}</g>`;
  }
  return s;
}

// --------------------------------------------------------------------- honey

function hexPath(cx: number, cy: number, r: number): string {
  const pts: Pt[] = [];
  for (let i = 0; i < 6; i++) {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    pts.push([cx + Math.cos(a) * r, cy + Math.sin(a) * r]);
  }
  return polygon(pts);
}

/** A slab of comb: a wax face full of honey-filled cells over a darker edge. */
function honeycomb(ctx: Ctx, cx: number, cy: number, w: number, h: number): string {
  const { rng } = ctx;
  const j = (): number => between(rng, -8, 8);
  const face = polygon([
    [cx - w / 2 + j(), cy - h / 2 + j()],
    [cx + j(), cy - h / 2 + j()],
    [cx + w / 2 + j(), cy - h / 2 + j()],
    [cx + w / 2 + j(), cy + j()],
    [cx + w / 2 + j(), cy + h / 2 + j()],
    [cx + j(), cy + h / 2 + j()],
    [cx - w / 2 + j(), cy + h / 2 + j()],
    [cx - w / 2 + j(), cy + j()],
  ]);
  const cl = clip(ctx, face);
  const cell = radial(
    ctx,
    [
      [0, hsl(48, 96, 68)],
      [0.65, hsl(40, 92, 50)],
      [1, hsl(32, 90, 38)],
    ],
    0.4,
    0.35,
    0.7,
  );
  const r = 19;
  let cells = "";
  for (let row = -10; row <= 10; row++) {
    for (let col = -10; col <= 10; col++) {
      const x = cx + col * r * Math.sqrt(3) + (row % 2 === 0 ? 0 : (r * Math.sqrt(3)) / 2);
      const y = cy + row * r * 1.5;
      if (Math.abs(x - cx) > w / 2 + r || Math.abs(y - cy) > h / 2 + r) continue;
      cells += hexPath(x, y, r * 0.84);
    }
  }
  const edge = hsl(34, 85, 36);
  let s = dropShadow(face, 10, 26, 0.45, 8);
  for (const dy of [18, 12, 6]) {
    s += `<path d="${face}" transform="translate(0 ${dy})" fill="${edge}" stroke="${edge}" stroke-width="8" stroke-linejoin="round"/>`;
  }
  const wax = hsl(45, 80, 70);
  s += `<path d="${face}" fill="${wax}" stroke="${wax}" stroke-width="8" stroke-linejoin="round"/>`;
  s += `<path d="${cells}" fill="${cell}" clip-path="${cl}"/>`;
  const dx = cx + between(rng, -w / 4, w / 4);
  const by = cy + h / 2 + 14;
  s += `<path d="M${f(dx - 9)} ${f(by - 4)}q2 16 0 24a9 9 0 0 0 18 0q-2 -8 0 -24Z" fill="${hsl(36, 92, 44)}"/>`;
  return s;
}

function dipper(ctx: Ctx, x: number, y: number, angle: number): string {
  const wood = hsl(30, 45, 55);
  let s = `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(angle)})">`;
  s += shadow(100, 18, 170, 10, 0.4, 4);
  s += `<rect x="0" y="-7" width="250" height="14" rx="7" fill="${wood}"/>`;
  for (let i = 0; i < 5; i++) {
    s += `<ellipse cx="${-10 - i * 14}" cy="0" rx="9" ry="${26 - Math.abs(i - 2) * 4}" fill="${hsl(30, 45, 50 + (i % 2) * 8)}"/>`;
  }
  s += `<path d="M-70 -18Q-40 -26 -4 -14L-4 14Q-40 30 -70 20Z" fill="${hsl(38, 92, 48)}" opacity=".8"/>`;
  s += `<path d="M-40 22q4 20 0 30q-6 -10 0 -30" fill="${hsl(36, 92, 46)}"/>`;
  return `${s}</g>`;
}

function drawHoney(ctx: Ctx): string {
  const { rng, hue } = ctx;
  let s = room(ctx, 340, rng() < 0.5);
  const x0 = 220;
  const x1 = 470;
  const top = 200;
  const bottom = 500;
  const honeyHue = 30 + (hue % 12);
  s += shadow((x0 + x1) / 2 + 20, bottom, 160, 22, 0.45);
  s += honeycomb(ctx, 615, 425, 230, 130);
  const honey = linear(ctx, [
    [0, hsl(honeyHue + 10, 95, 58)],
    [0.6, hsl(honeyHue, 92, 46)],
    [1, hsl(honeyHue - 6, 90, 32)],
  ]);
  const glow = radial(
    ctx,
    [
      [0, hsl(48, 100, 75), 0.8],
      [1, hsl(48, 100, 75), 0],
    ],
    0.5,
    0.5,
    0.5,
  );
  s += `<rect x="${x0 + 8}" y="${top + 38}" width="${x1 - x0 - 16}" height="${bottom - top - 46}" rx="30" fill="${honey}"/>`;
  s += `<ellipse cx="${(x0 + x1) / 2 + 20}" cy="${(top + bottom) / 2 + 40}" rx="80" ry="110" fill="${glow}"/>`;
  s += `<ellipse cx="${(x0 + x1) / 2}" cy="${top + 40}" rx="${(x1 - x0) / 2 - 10}" ry="7" fill="${hsl(honeyHue + 12, 95, 66)}"/>`;
  const glass = linear(
    ctx,
    [
      [0, "#fff", 0.45],
      [0.2, "#fff", 0.1],
      [0.8, "#fff", 0.05],
      [1, "#fff", 0.35],
    ],
    0,
    0,
    1,
    0,
  );
  s += `<rect x="${x0}" y="${top}" width="${x1 - x0}" height="${bottom - top}" rx="40" fill="${glass}" stroke="#fff" stroke-opacity=".75" stroke-width="3"/>`;
  s += `<rect x="${x0 + 18}" y="${top + 40}" width="14" height="${bottom - top - 90}" rx="7" fill="#fff" opacity=".45"/>`;
  s += `<rect x="${x1 - 30}" y="${top + 60}" width="7" height="60" rx="3.5" fill="#fff" opacity=".4"/>`;
  // label: a plain band with a honeycomb emblem (no text)
  const ly = 330;
  s += `<rect x="${x0}" y="${ly}" width="${x1 - x0}" height="96" fill="${hsl(hue, 35, 95)}"/>`;
  s += `<rect x="${x0}" y="${ly + 6}" width="${x1 - x0}" height="4" fill="${hsl(hue + 180, 45, 40)}"/><rect x="${x0}" y="${ly + 86}" width="${x1 - x0}" height="4" fill="${hsl(hue + 180, 45, 40)}"/>`;
  const ex = (x0 + x1) / 2;
  s += `<path d="${hexPath(ex, ly + 48, 26)}" fill="${hsl(honeyHue + 6, 90, 52)}"/><path d="${hexPath(ex, ly + 48, 14)}" fill="${hsl(hue, 35, 95)}"/>`;
  // lid
  const lid = linear(
    ctx,
    [
      [0, hsl(hue + 180, 45, 28)],
      [0.35, hsl(hue + 180, 50, 48)],
      [1, hsl(hue + 180, 45, 24)],
    ],
    0,
    0,
    1,
    0,
  );
  s += `<rect x="${x0 + 18}" y="${top - 50}" width="${x1 - x0 - 36}" height="60" rx="10" fill="${lid}"/>`;
  let ridges = "";
  for (let x = x0 + 30; x < x1 - 24; x += 9) ridges += `M${x} ${top - 44}v48`;
  s += `<path d="${ridges}" stroke="#000" stroke-width="2" opacity=".15"/>`;
  s += dipper(ctx, 250, 550, between(rng, -8, -3));
  return s;
}

// ---------------------------------------------------------------------- salt

function crystal(rng: Rng, x: number, y: number, size: number, shades: readonly string[]): string {
  const a = rng() * Math.PI;
  const pts: Pt[] = [];
  for (let i = 0; i < 4; i++) {
    const ang = a + (i * Math.PI) / 2 + between(rng, -0.2, 0.2);
    const r = size * between(rng, 0.5, 0.75);
    pts.push([x + Math.cos(ang) * r, y + Math.sin(ang) * r * 0.8]);
  }
  const p0 = at(pts, 0);
  const p1 = at(pts, 1);
  const c: Pt = [x, y];
  return `<path d="${polygon(pts)}" fill="${pick(rng, shades)}"/><path d="${polygon([p0, p1, c])}" fill="#fff" opacity=".55"/>`;
}

function drawSalt(ctx: Ctx): string {
  const { rng, hue, slug } = ctx;
  const slate = linear(ctx, [
    [0, hsl(hue, 10, 28)],
    [1, hsl(hue, 12, 17)],
  ]);
  let s = `<rect width="${W}" height="${H}" fill="${slate}"/>`;
  let streaks = "";
  for (let i = 0; i < 10; i++) {
    const y = between(rng, 0, H);
    streaks += openPath([
      [-20, y],
      [250, y + between(rng, -20, 20)],
      [550, y + between(rng, -20, 20)],
      [820, y + between(rng, -20, 20)],
    ]);
  }
  s += `<path d="${streaks}" stroke="#fff" stroke-width="6" fill="none" opacity=".04"/>`;
  s += softLight(ctx);
  const green = has(slug, "green", "qing");
  const sat = green ? 16 : 5;
  const sh = green ? 165 : hue;
  const shades = [hsl(sh, sat, 96), hsl(sh, sat, 90), hsl(sh, sat + 4, 82), hsl(sh, sat + 6, 72)];
  const cx = 380;
  const cy = 380;
  const rx = 230;
  const domeH = 150;
  const baseRy = 56;
  // a little dish of coarse crystals in the product's colour
  const dish = linear(ctx, [
    [0, hsl(hue + 200, 22, 70)],
    [1, hsl(hue + 200, 22, 46)],
  ]);
  s += shadow(660, 150, 110, 40, 0.5, 8);
  s += `<ellipse cx="650" cy="130" rx="105" ry="44" fill="${dish}"/><ellipse cx="650" cy="124" rx="88" ry="32" fill="${hsl(hue + 200, 18, 84)}"/>`;
  for (let i = 0; i < 34; i++) {
    const a = rng() * Math.PI * 2;
    const r = Math.sqrt(rng());
    s += crystal(
      rng,
      650 + Math.cos(a) * 70 * r,
      124 + Math.sin(a) * 22 * r,
      between(rng, 10, 16),
      shades,
    );
  }
  s += shadow(cx + 16, cy + 40, rx * 1.05, baseRy, 0.55);
  const mound = `M${cx - rx} ${cy}C${cx - rx * 0.55} ${cy - domeH * 0.45} ${cx - rx * 0.3} ${cy - domeH} ${cx} ${cy - domeH}C${cx + rx * 0.3} ${cy - domeH} ${cx + rx * 0.55} ${cy - domeH * 0.45} ${cx + rx} ${cy}A${rx} ${baseRy} 0 0 1 ${cx - rx} ${cy}Z`;
  const moundFill = radial(ctx, [
    [0, hsl(sh, sat, 90)],
    [0.6, hsl(sh, sat, 78)],
    [1, hsl(sh, sat + 4, 58)],
  ]);
  s += `<path d="${mound}" fill="${moundFill}"/>`;
  const pts: Pt[] = [];
  let guard = 0;
  while (pts.length < 460 && guard < 20000) {
    guard += 1;
    const u = between(rng, -1, 1);
    const y = cy + between(rng, -domeH, baseRy);
    const topY = cy - domeH * Math.pow(1 - Math.abs(u), 1.15) * 0.97;
    const botY = cy + (baseRy - 6) * Math.sqrt(1 - u * u);
    if (y > topY && y < botY) pts.push([cx + u * (rx - 6), y]);
  }
  pts.sort((a, b) => a[1] - b[1]);
  for (const [x, y] of pts) s += crystal(rng, x, y, between(rng, 10, 18), shades);
  for (let i = 0; i < 40; i++) {
    const a = rng() * Math.PI * 2;
    const r = between(rng, 1.05, 1.5);
    s += crystal(
      rng,
      cx + Math.cos(a) * rx * r,
      cy + 10 + Math.sin(a) * (baseRy + 20) * r,
      between(rng, 8, 16),
      shades,
    );
  }
  // wooden scoop
  s += `<g transform="translate(640 470) rotate(-20)">${shadow(0, 14, 110, 14, 0.5, 4)}<rect x="-10" y="-8" width="150" height="16" rx="8" fill="${hsl(30, 40, 50)}"/><ellipse cx="-40" cy="0" rx="52" ry="36" fill="${hsl(30, 40, 44)}"/><ellipse cx="-40" cy="-2" rx="44" ry="28" fill="${hsl(30, 40, 32)}"/></g>`;
  for (let i = 0; i < 18; i++)
    s += crystal(
      rng,
      600 + between(rng, -34, 34),
      484 + between(rng, -14, 8),
      between(rng, 8, 13),
      shades,
    );
  return s;
}

// ------------------------------------------------------------------- giftbox

function drawGiftbox(ctx: Ctx): string {
  const { rng, hue, slug } = ctx;
  let s = room(ctx, 380, rng() < 0.4);
  const goldBox = hue >= 38 && hue <= 60;
  const box = (l: number): string => (goldBox ? hsl(44, 70, l + 10) : hsl(hue, 62, l));
  const ribbonHue = goldBox ? 356 : 44;
  const ribbon = (l: number): string => hsl(ribbonHue, goldBox ? 70 : 80, l);
  const A: Pt = [190, 270];
  const B: Pt = [530, 270];
  const D: Pt = [190, 500];
  const depth: Pt = [110, -70];
  const add = (p: Pt, q: Pt, k = 1): Pt => [p[0] + q[0] * k, p[1] + q[1] * k];
  const front = (u: number, v: number): Pt => [A[0] + (B[0] - A[0]) * u, A[1] + (D[1] - A[1]) * v];
  const side = (u: number, v: number): Pt => add(front(1, v), depth, u);
  const topF = (u: number, v: number): Pt => add(front(u, 0), depth, v);
  const quad = (
    fn: (u: number, v: number) => Pt,
    u0: number,
    u1: number,
    v0: number,
    v1: number,
  ): string => polygon([fn(u0, v0), fn(u1, v0), fn(u1, v1), fn(u0, v1)]);
  s += shadow(400, 505, 300, 30, 0.5);
  s += `<path d="${quad(front, 0, 1, 0, 1)}" fill="${linear(ctx, [
    [0, box(46)],
    [1, box(36)],
  ])}"/>`;
  s += `<path d="${quad(side, 0, 1, 0, 1)}" fill="${box(28)}"/>`;
  s += `<path d="${quad(topF, 0, 1, 0, 1)}" fill="${box(54)}"/>`;
  // lid band
  s += `<path d="${quad(front, 0, 1, 0, 0.24)}" fill="${box(42)}"/><path d="${quad(side, 0, 1, 0, 0.24)}" fill="${box(24)}"/>`;
  s += `<path d="M${pt(front(0, 0.24))}L${pt(front(1, 0.24))}L${pt(side(1, 0.24))}" fill="none" stroke="#000" stroke-width="3" opacity=".18"/>`;
  // gold trim on the box body
  s += `<path d="${quad(front, 0.05, 0.95, 0.32, 0.92)}" fill="none" stroke="${hsl(44, 75, 62)}" stroke-width="2.5" opacity=".8"/>`;
  // ribbons
  s += `<path d="${quad(front, 0.45, 0.55, 0, 1)}" fill="${ribbon(54)}"/>`;
  s += `<path d="${quad(topF, 0.45, 0.55, 0, 1)}" fill="${ribbon(64)}"/>`;
  s += `<path d="${quad(topF, 0, 1, 0.42, 0.58)}" fill="${ribbon(64)}"/>`;
  s += `<path d="${quad(side, 0.42, 0.58, 0, 1)}" fill="${ribbon(42)}"/>`;
  // medallion (a plain ring, no characters)
  const m = front(0.25, 0.62);
  s += `<circle cx="${f(m[0])}" cy="${f(m[1])}" r="40" fill="none" stroke="${hsl(44, 75, 62)}" stroke-width="4"/><circle cx="${f(m[0])}" cy="${f(m[1])}" r="28" fill="${hsl(44, 75, 62)}" opacity=".9"/><circle cx="${f(m[0])}" cy="${f(m[1])}" r="14" fill="${box(40)}"/>`;
  // a four-petal flower of rings on the other side
  const m2 = front(0.77, 0.62);
  let petals = "";
  for (const [px, py] of [
    [0, -16],
    [16, 0],
    [0, 16],
    [-16, 0],
  ] as const)
    petals += `<circle cx="${f(m2[0] + px)}" cy="${f(m2[1] + py)}" r="13" fill="none" stroke="${hsl(44, 75, 62)}" stroke-width="3.5"/>`;
  s += `${petals}<circle cx="${f(m2[0])}" cy="${f(m2[1])}" r="6" fill="${hsl(44, 75, 62)}"/>`;
  // bow
  const c = topF(0.5, 0.5);
  const loop = (dir: number): string =>
    `<path d="M${pt(c)}C${f(c[0] + dir * 40)} ${f(c[1] - 90)} ${f(c[0] + dir * 120)} ${f(c[1] - 60)} ${f(c[0] + dir * 100)} ${f(c[1] - 20)}C${f(c[0] + dir * 80)} ${f(c[1] + 6)} ${f(c[0] + dir * 30)} ${f(c[1] + 6)} ${pt(c)}Z" fill="${ribbon(58)}" stroke="${ribbon(40)}" stroke-width="3"/>`;
  s += `<path d="M${pt(c)}l-50 70l16 -2l4 14ZM${pt(c)}l60 62l-16 2l2 14Z" fill="${ribbon(46)}"/>`;
  s += loop(-1) + loop(1);
  s += `<ellipse cx="${f(c[0])}" cy="${f(c[1] - 6)}" rx="20" ry="16" fill="${ribbon(50)}" stroke="${ribbon(38)}" stroke-width="2"/>`;
  s += `<path d="M${f(c[0] - 70)} ${f(c[1] - 60)}q30 -20 50 10" stroke="#fff" stroke-width="4" fill="none" opacity=".4" stroke-linecap="round"/>`;
  // a hint of what is inside, in front of the box
  if (has(slug, "honey"))
    s += `<g transform="translate(630 470) scale(.45)">${honeycomb(ctx, 0, 0, 240, 140)}</g>`;
  else if (has(slug, "lily"))
    for (let i = 0; i < 6; i++)
      s += driedScale(ctx, between(rng, 590, 720), between(rng, 520, 570));
  else if (has(slug, "salt"))
    for (let i = 0; i < 26; i++)
      s += crystal(
        rng,
        650 + between(rng, -50, 50),
        540 + between(rng, -16, 16),
        between(rng, 9, 14),
        ["#fff", hsl(180, 10, 88), hsl(180, 12, 78)],
      );
  else if (has(slug, "herb", "danggui", "codonopsis", "astragalus")) {
    const col = rootColours(ctx, 34, 36, 54);
    s += rootPiece(ctx, 600, 540, 90, 24, -8, col, hsl(45, 45, 82));
    s += rootSlice(ctx, 720, 545, 32, 24, 20, 45, 40, 80, false);
    s += rootSlice(ctx, 110, 545, 32, 24, -15, 45, 40, 80, false);
  }
  // sparkles
  for (let i = 0; i < 6; i++) {
    const x = between(rng, 60, 740);
    const y = between(rng, 40, 200);
    const r = between(rng, 6, 12);
    s += `<path d="M${f(x)} ${f(y - r)}Q${f(x)} ${f(y)} ${f(x + r)} ${f(y)}Q${f(x)} ${f(y)} ${f(x)} ${f(y + r)}Q${f(x)} ${f(y)} ${f(x - r)} ${f(y)}Q${f(x)} ${f(y)} ${f(x)} ${f(y - r)}Z" fill="${hsl(44, 90, 62)}" opacity=".8"/>`;
  }
  return s;
}

// --------------------------------------------------------------------- fruit

function apple(ctx: Ctx, x: number, y: number, r: number, hueA: number, withLeaf: boolean): string {
  const { rng } = ctx;
  const d =
    `M0 ${f(-r * 0.72)}C${f(r * 0.35)} ${f(-r)} ${f(r * 1.05)} ${f(-r * 0.95)} ${f(r)} ${f(-r * 0.1)}` +
    `C${f(r * 0.95)} ${f(r * 0.7)} ${f(r * 0.45)} ${f(r * 0.98)} ${f(r * 0.15)} ${f(r * 0.9)}Q0 ${f(r * 0.85)} ${f(-r * 0.15)} ${f(r * 0.9)}` +
    `C${f(-r * 0.45)} ${f(r * 0.98)} ${f(-r * 0.95)} ${f(r * 0.7)} ${f(-r)} ${f(-r * 0.1)}C${f(-r * 1.05)} ${f(-r * 0.95)} ${f(-r * 0.35)} ${f(-r)} 0 ${f(-r * 0.72)}Z`;
  const green = hueA > 60 && hueA < 160;
  const skin = radial(ctx, [
    [0, green ? hsl(70, 70, 70) : hsl(hueA + 12, 85, 62)],
    [0.6, green ? hsl(85, 60, 48) : hsl(hueA, 75, 45)],
    [1, green ? hsl(95, 55, 32) : hsl(hueA - 6, 70, 28)],
  ]);
  const blush = linear(ctx, [
    [0.5, hsl(48, 90, 60), 0],
    [1, hsl(48, 90, 60), 0.45],
  ]);
  const rot = between(rng, -12, 12);
  let s =
    `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(rot)})">` + dropShadow(d, 6, 12, 0.4, 8);
  s += `<path d="${d}" fill="${skin}"/><path d="${d}" fill="${blush}"/>`;
  const cl = clip(ctx, d);
  let streaks = "";
  for (let i = 0; i < 9; i++) {
    const sx = between(rng, -0.8, 0.8) * r;
    streaks += `M${f(sx * 0.5)} ${f(-r * 0.6)}Q${f(sx * 1.2)} 0 ${f(sx * 0.7)} ${f(r * 0.85)}`;
  }
  s += `<path d="${streaks}" stroke="${hsl(48, 90, 70)}" stroke-width="3" fill="none" opacity=".2" clip-path="${cl}"/>`;
  s += `<ellipse cx="${f(-r * 0.42)}" cy="${f(-r * 0.35)}" rx="${f(r * 0.2)}" ry="${f(r * 0.28)}" fill="#fff" opacity=".4" filter="url(#b4)"/>`;
  s += `<path d="M0 ${f(-r * 0.68)}Q${f(r * 0.02)} ${f(-r * 0.95)} ${f(r * 0.14)} ${f(-r * 1.1)}" stroke="${hsl(28, 45, 28)}" stroke-width="${f(r * 0.07)}" fill="none" stroke-linecap="round"/>`;
  if (withLeaf) {
    const lf = linear(ctx, [
      [0, hsl(95, 55, 50)],
      [1, hsl(115, 55, 30)],
    ]);
    s += `<g transform="translate(${f(r * 0.1)} ${f(-r * 0.95)}) rotate(-20)"><path d="M0 0C${f(r * 0.15)} ${f(-r * 0.3)} ${f(r * 0.55)} ${f(-r * 0.3)} ${f(r * 0.75)} ${f(-r * 0.05)}C${f(r * 0.5)} ${f(r * 0.15)} ${f(r * 0.15)} ${f(r * 0.12)} 0 0Z" fill="${lf}"/><path d="M0 0Q${f(r * 0.35)} ${f(-r * 0.1)} ${f(r * 0.72)} ${f(-r * 0.05)}" stroke="${hsl(90, 40, 70)}" stroke-width="2" fill="none"/></g>`;
  }
  return `${s}</g>`;
}

function appleHalf(ctx: Ctx, x: number, y: number, r: number, hueA: number): string {
  const d = `M0 ${f(-r * 0.62)}C${f(r * 0.4)} ${f(-r * 0.98)} ${f(r * 1.05)} ${f(-r * 0.8)} ${f(r)} ${f(-r * 0.05)}C${f(r * 0.95)} ${f(r * 0.7)} ${f(r * 0.4)} ${f(r * 0.95)} 0 ${f(r * 0.85)}C${f(-r * 0.4)} ${f(r * 0.95)} ${f(-r * 0.95)} ${f(r * 0.7)} ${f(-r)} ${f(-r * 0.05)}C${f(-r * 1.05)} ${f(-r * 0.8)} ${f(-r * 0.4)} ${f(-r * 0.98)} 0 ${f(-r * 0.62)}Z`;
  const flesh = radial(
    ctx,
    [
      [0, hsl(50, 80, 94)],
      [1, hsl(46, 70, 82)],
    ],
    0.5,
    0.5,
    0.6,
  );
  let s = `<g transform="translate(${f(x)} ${f(y)}) rotate(-8)">` + dropShadow(d, 5, 8, 0.35, 4);
  s += `<path d="${d}" fill="${flesh}" stroke="${hsl(hueA, 72, 42)}" stroke-width="${f(r * 0.07)}"/>`;
  s += `<path d="M0 ${f(-r * 0.3)}C${f(r * 0.35)} ${f(-r * 0.2)} ${f(r * 0.3)} ${f(r * 0.3)} 0 ${f(r * 0.4)}C${f(-r * 0.3)} ${f(r * 0.3)} ${f(-r * 0.35)} ${f(-r * 0.2)} 0 ${f(-r * 0.3)}Z" fill="none" stroke="${hsl(45, 50, 72)}" stroke-width="2"/>`;
  for (let i = 0; i < 5; i++) {
    const a = (i / 5) * Math.PI * 2 - Math.PI / 2;
    const sx = Math.cos(a) * r * 0.16;
    const sy = Math.sin(a) * r * 0.16 + r * 0.04;
    s += `<ellipse cx="${f(sx)}" cy="${f(sy)}" rx="${f(r * 0.05)}" ry="${f(r * 0.09)}" transform="rotate(${f(deg(a) + 90)} ${f(sx)} ${f(sy)})" fill="${hsl(25, 55, 26)}"/>`;
  }
  s += `<path d="M0 ${f(-r * 0.62)}v${f(-r * 0.2)}" stroke="${hsl(28, 45, 28)}" stroke-width="4" stroke-linecap="round"/>`;
  return `${s}</g>`;
}

function walnut(ctx: Ctx, x: number, y: number, r: number): string {
  const { rng } = ctx;
  const rot = between(rng, -0.6, 0.6);
  const d = blob(rng, x, y, r, r * 0.86, rot, 0.04, 10);
  const shell = radial(ctx, [
    [0, hsl(36, 50, 70)],
    [0.6, hsl(32, 45, 54)],
    [1, hsl(28, 42, 36)],
  ]);
  let s = dropShadow(d, 5, 9, 0.4, 4) + `<path d="${d}" fill="${shell}"/>`;
  const cl = clip(ctx, d);
  let wr = "";
  for (let i = 0; i < 14; i++) {
    const p = walk(
      rng,
      [x + between(rng, -r, r) * 0.8, y + between(rng, -r, r) * 0.7],
      rng() * Math.PI * 2,
      between(rng, 12, 26),
      3,
      0.9,
    );
    wr += openPath(p);
  }
  s += `<path d="${wr}" stroke="${hsl(28, 40, 36)}" stroke-width="2.2" fill="none" opacity=".55" stroke-linecap="round" clip-path="${cl}"/>`;
  const c = Math.cos(rot);
  const sn = Math.sin(rot);
  s += `<path d="M${f(x - c * r)} ${f(y - sn * r)}Q${f(x - sn * 6)} ${f(y + c * 6)} ${f(x + c * r)} ${f(y + sn * r)}" stroke="${hsl(28, 40, 30)}" stroke-width="3" fill="none" opacity=".7"/>`;
  s += `<ellipse cx="${f(x - r * 0.35)}" cy="${f(y - r * 0.35)}" rx="${f(r * 0.25)}" ry="${f(r * 0.16)}" fill="#fff" opacity=".2" filter="url(#b4)"/>`;
  return s;
}

function walnutKernel(ctx: Ctx, x: number, y: number, r: number, angle: number): string {
  const { rng } = ctx;
  const kernel = radial(ctx, [
    [0, hsl(40, 60, 78)],
    [1, hsl(32, 50, 52)],
  ]);
  let s = `<g transform="translate(${f(x)} ${f(y)}) rotate(${f(angle)})">`;
  const lobes = [-1, 1].map((side) =>
    blob(rng, side * r * 0.45, 0, r * 0.5, r * 0.75, side * 0.15, 0.12, 10),
  );
  for (const l of lobes) s += dropShadow(l, 3, 6, 0.35, 4);
  for (const l of lobes)
    s += `<path d="${l}" fill="${kernel}" stroke="${hsl(32, 45, 48)}" stroke-width="1.5"/>`;
  s += `<path d="M${f(-r * 0.7)} ${f(-r * 0.2)}q${f(r * 0.2)} ${f(r * 0.1)} ${f(r * 0.4)} 0M${f(r * 0.3)} ${f(r * 0.2)}q${f(r * 0.2)} ${f(r * 0.1)} ${f(r * 0.4)} 0M${f(-r * 0.6)} ${f(r * 0.35)}q${f(r * 0.15)} ${f(-r * 0.1)} ${f(r * 0.3)} 0" stroke="${hsl(32, 45, 48)}" stroke-width="1.6" fill="none"/>`;
  return `${s}</g>`;
}

function drawFruit(ctx: Ctx): string {
  const { rng, hue, slug } = ctx;
  const walnuts = has(slug, "walnut", "hetao") || (!has(slug, "apple") && hue >= 20 && hue < 60);
  if (walnuts) {
    let s = `<rect width="${W}" height="${H}" fill="${burlapFill(ctx, 32, 62)}"/>` + softLight(ctx);
    s += shadow(400, 440, 300, 80, 0.4);
    const rows = [
      { y: 210, n: 3, span: 220 },
      { y: 280, n: 4, span: 380 },
      { y: 355, n: 5, span: 500 },
      { y: 430, n: 4, span: 460 },
    ];
    for (const row of rows) {
      for (let i = 0; i < row.n; i++) {
        s += walnut(
          ctx,
          400 - row.span / 2 + (i * row.span) / (row.n - 1) + between(rng, -12, 12),
          row.y + between(rng, -8, 8),
          between(rng, 50, 58),
        );
      }
    }
    s += walnutKernel(ctx, 170, 520, 44, between(rng, -30, 30));
    s += walnutKernel(ctx, 600, 525, 40, between(rng, -30, 30));
    s += walnutKernel(ctx, 680, 470, 36, between(rng, -30, 30));
    return s;
  }
  let s = room(ctx, 320, true);
  const ah = hue > 300 || hue < 40 ? (hue + 360) % 360 : hue;
  s += shadow(400, 500, 320, 40, 0.35);
  s += apple(ctx, 300, 330, 95, ah, false);
  s += apple(ctx, 500, 325, 100, ah, true);
  s += apple(ctx, 200, 450, 100, ah, rng() < 0.5);
  s += apple(ctx, 410, 450, 110, ah, true);
  s += appleHalf(ctx, 620, 475, 95, ah);
  return s;
}

// ------------------------------------------------------------------- driver

type Drawer = (ctx: Ctx) => string;

const DRAWERS: Record<ImageKind, Drawer> = {
  potato: drawPotato,
  noodles: drawNoodles,
  starch: drawStarch,
  root: drawRoot,
  mushroom: drawMushroom,
  grain: drawGrain,
  meat: drawMeat,
  vegetable: drawVegetable,
  lily: drawLily,
  honey: drawHoney,
  salt: drawSalt,
  giftbox: drawGiftbox,
  fruit: drawFruit,
};

type ImageSpec = Pick<DemoProduct, "slug" | "image">;

/** The SVG for one product: pure, deterministic in slug, kind and hue. */
function productSvg(product: ImageSpec): string {
  const hue = ((Math.round(product.image.hue) % 360) + 360) % 360;
  const ctx: Ctx = {
    rng: mulberry32(seedFrom(product.slug)),
    hue,
    slug: product.slug,
    defs: [],
    counter: { n: 0 },
  };
  const body = DRAWERS[product.image.kind](ctx);
  return svgDocument(ctx.defs, body);
}

/** WebP at the first quality that fits the budget (the last one tried otherwise). */
async function encode(
  raw: Buffer,
  width: number,
  height: number,
  target: Target,
): Promise<{ data: Buffer; quality: number }> {
  let last: { data: Buffer; quality: number } | null = null;
  for (const quality of QUALITIES) {
    let img = sharp(raw, { raw: { width, height, channels: 3 } });
    if (target.width !== width)
      img = img.resize(target.width, target.height, { kernel: "lanczos3" });
    const data = await img.webp({ quality, effort: 6 }).toBuffer();
    last = { data, quality };
    if (data.length <= target.maxBytes) break;
  }
  if (last === null) throw new Error("no qualities to try");
  return last;
}

async function main(): Promise<void> {
  const products: readonly ImageSpec[] = demoProducts;
  const only = process.argv.slice(2);
  const chosen = only.length > 0 ? products.filter((p) => only.includes(p.slug)) : products;
  await mkdir(OUT_DIR, { recursive: true });
  let files = 0;
  let bytes = 0;
  const written = new Set<string>();
  for (const product of chosen) {
    const svg = productSvg(product);
    const raw = await sharp(Buffer.from(svg))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    for (const target of TARGETS) {
      const { data, quality } = await encode(raw.data, raw.info.width, raw.info.height, target);
      const name = `${product.slug}${target.suffix}.webp`;
      await writeFile(path.join(OUT_DIR, name), data);
      written.add(name);
      files += 1;
      bytes += data.length;
      if (data.length > target.maxBytes) {
        console.warn(
          `${name}: ${data.length} bytes at quality ${quality}, over the ${target.maxBytes} budget`,
        );
      }
    }
  }
  if (only.length === 0) {
    // The folder belongs to this script: drop pictures of products that are gone.
    for (const name of await readdir(OUT_DIR)) {
      if (name.endsWith(".webp") && !written.has(name)) await unlink(path.join(OUT_DIR, name));
    }
  }
  console.log(
    `wrote ${files} files, ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB) to ${path.relative(process.cwd(), OUT_DIR) || OUT_DIR}`,
  );
}

await main();
