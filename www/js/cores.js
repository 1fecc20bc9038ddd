// The core comes in two builds of one Rust source (scripts/build-wasm.sh): the first part,
// everything but the drawings (about a third of the bytes), shows the page's numbers early; the
// whole core, with the drawings, follows once the page is on screen, the SIMD build where
// this browser validates WebAssembly SIMD and the scalar build elsewhere.

/** The smallest module using SIMD (i8x16.splat, i8x16.popcnt, a v128 result):
 * whether this browser validates it decides which build of the whole core loads. */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** The first part: { core (its wasm-bindgen module), memory }. */
export async function loadFirst() {
  const core = await import("../pkg/backprop_lab_first.js");
  const wasm = await core.default();
  return { core, memory: wasm.memory };
}

/** The whole core: { core, memory, build: "simd" | "scalar" }. */
export async function loadWhole() {
  const build = WebAssembly.validate(SIMD_PROBE) ? "simd" : "scalar";
  const core = await (build === "simd" ? import("../pkg/backprop_lab.js") : import("../pkg/backprop_lab_scalar.js"));
  const wasm = await core.default();
  return { core, memory: wasm.memory, build };
}
