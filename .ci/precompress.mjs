// Writes .br and .gz next to every compressible static file of the site folder, so the server
// sends pre-compressed bytes instead of compressing on each request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = process.argv[2];
const exts = [".wasm", ".js", ".css", ".json", ".svg", ".mjs"];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (!exts.some((e) => name.endsWith(e))) continue;
    const raw = readFileSync(path);
    writeFileSync(path + ".br", brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }));
    writeFileSync(path + ".gz", gzipSync(raw, { level: 9 }));
  }
}
walk(root);
