// The live tables of the forward pass and of every chain-rule factor of the backward pass.

import { showNumber } from "./format.js";

// [key in the core's result, symbol, how it is computed]
export const FORWARD_ROWS = [
  ["z1", "z₁", "w₁·x + b₁"],
  ["a1", "a₁", "σ(z₁)"],
  ["z2", "z₂", "w₂·a₁ + b₂"],
  ["yHat", "ŷ", "σ(z₂)"],
];

export const BACKWARD_ROWS = [
  ["cost", "C", "cost of ŷ against y"],
  ["dCdYHat", "∂C/∂ŷ", "how the cost changes with the output"],
  ["dYHatdZ2", "∂ŷ/∂z₂", "σ′(z₂) = σ(z₂)·(1 − σ(z₂))"],
  ["delta2", "δ₂", "∂C/∂ŷ · σ′(z₂)", "shared"],
  ["dCdW2", "∂C/∂w₂", "δ₂ · a₁"],
  ["dCdB2", "∂C/∂b₂", "δ₂"],
  ["dZ2dA1", "∂z₂/∂a₁", "w₂"],
  ["dA1dZ1", "∂a₁/∂z₁", "σ′(z₁)"],
  ["delta1", "δ₁", "δ₂ · w₂ · σ′(z₁)", "shared"],
  ["dCdW1", "∂C/∂w₁", "δ₁ · x"],
  ["dCdB1", "∂C/∂b₁", "δ₁"],
];

/** Fills a table body with one row per entry; returns { key: valueCell }. */
export function buildTable(tbody, rows) {
  const cells = {};
  for (const [key, symbol, how, mark] of rows) {
    const tr = document.createElement("tr");
    if (mark) tr.className = mark;
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = symbol;
    const formula = document.createElement("td");
    formula.className = "formula";
    formula.textContent = how;
    const value = document.createElement("td");
    value.className = "num";
    value.dataset.key = key;
    value.tabIndex = 0; // focus shows the exact value, like hover
    tr.append(th, formula, value);
    tbody.append(tr);
    cells[key] = value;
  }
  return cells;
}

/** Shows each field of `result` in its cell. */
export function fill(cells, result) {
  for (const [key, cell] of Object.entries(cells)) showNumber(cell, result[key]);
}
