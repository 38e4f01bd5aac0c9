// Puts the browser assets that come from npm into frontend/assets/vendor/ (served under
// /vendor/): ECharts, and the outlines of the seven MIRPS countries as GeoJSON, cut out of
// Natural Earth's 1:50m boundaries (the world-atlas package, public domain) so the map page
// downloads a few kilobytes instead of the whole world.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, "assets", "vendor");
mkdirSync(vendor, { recursive: true });

copyFileSync(join(here, "node_modules/echarts/dist/echarts.min.js"), join(vendor, "echarts.min.js"));

// ISO 3166-1 numeric -> alpha-3 for the MIRPS countries.
const mirps = { "084": "BLZ", "188": "CRI", "222": "SLV", "320": "GTM", "340": "HND", "484": "MEX", "591": "PAN" };
const world = JSON.parse(readFileSync(join(here, "node_modules/world-atlas/countries-50m.json"), "utf8"));
const all = feature(world, world.objects.countries);
const round = (c) => (Array.isArray(c[0]) ? c.map(round) : [Math.round(c[0] * 1000) / 1000, Math.round(c[1] * 1000) / 1000]);
const features = all.features
  .filter((f) => mirps[String(f.id).padStart(3, "0")])
  .map((f) => ({
    type: "Feature",
    properties: { name: mirps[String(f.id).padStart(3, "0")] },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  }));
if (features.length !== 7) {
  throw new Error(`expected 7 MIRPS countries in world-atlas, found ${features.length}`);
}
writeFileSync(join(vendor, "mirps-countries.geo.json"), JSON.stringify({ type: "FeatureCollection", features }));
console.log(`vendor assets written: echarts.min.js, mirps-countries.geo.json (${features.length} countries)`);
