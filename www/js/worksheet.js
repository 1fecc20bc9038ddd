// The printable worksheet (worksheet.html): quiz exercises from consecutive seeds, written by
// the core (worksheet(): the same exercises the quiz links open, the key worked in the chain
// rule's own words), laid out for paper. Its address holds everything it was made from:
// ?n=4&seed=1234&from=<the lab's link>, so a reload or a colleague gets the same sheet.

import { loadWhole } from "./cores.js";

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** The lab's address for a link's query: the page beside this one. */
const labUrl = (query) => new URL(`./?${query}`, location.href).href;

/** One exercise for the learner: what is given, the forward pass, a blank for each answer. */
function exerciseItem(e, k) {
  const head = el("tr", {}, ...e.given.map(([sym]) => el("th", { scope: "col" }, sym)));
  const row = el("tr", {}, ...e.given.map(([, value]) => el("td", {}, value)));
  return el("li", { class: "exercise", "data-seed": String(e.seed) },
    el("h2", {}, el("span", {}, `Exercise ${k + 1}`), el("span", { class: "muted" }, `number ${e.seed} · C = ${e.cost}`)),
    el("table", { class: "given" }, el("caption", { class: "muted" }, "Given"), el("thead", {}, head), el("tbody", {}, row)),
    el("p", { class: "forward" }, "Forward pass: ", e.forward),
    el("div", { class: "answers" }, ...e.asked.map((sym) => el("p", {}, `${sym} =`, el("span", { class: "blank", role: "presentation" })))),
    el("p", { class: "link" }, "Check it in the lab: ", el("a", { href: labUrl(e.link) }, labUrl(e.link))));
}

/** Its answers and how they are worked. */
function keyItem(e, k) {
  return el("li", { class: "exercise", "data-seed": String(e.seed) },
    el("h2", {}, el("span", {}, `Exercise ${k + 1}`), el("span", { class: "muted" }, `number ${e.seed}`)),
    el("p", { class: "result" }, e.answers.map(([sym, value]) => `${sym} = ${value}`).join("; ")),
    el("ol", { class: "worked" }, ...e.worked.map((line) => el("li", {}, line))));
}

async function start() {
  const { core } = await loadWhole();
  const limits = core.limits();
  const query = new URLSearchParams(location.search);
  const from = query.get("from") ?? "";
  const count = $("ws-count");
  const seed = $("ws-seed");
  const status = $("ws-status");
  count.max = String(limits.maxExercises);
  count.value = query.get("n") ?? String(core.defaults().exercises);
  seed.value = query.get("seed") ?? String(Math.floor(Math.random() * 1e9));

  function make() {
    let sheet;
    try {
      sheet = core.worksheet(from, Number(seed.value.trim() || NaN), Number(count.value || NaN));
    } catch (e) {
      status.textContent = `Could not make the worksheet: ${e.message}.`;
      status.classList.add("bad");
      return;
    }
    status.classList.remove("bad");
    const [first] = sheet;
    $("ws-network").textContent = `The network: x → z₁ = w₁x + b₁ → a₁ = ${first.hidden}(z₁) → z₂ = w₂a₁ + b₂ → ŷ = ${first.output}(z₂) → C(ŷ, y), ` +
      `with g₁ = ${first.hidden} in the hidden node and g₂ = ${first.output} in the output node. Each exercise gives the weights, the biases, the input x and the target y.`;
    $("ws-exercises").replaceChildren(...sheet.map(exerciseItem));
    $("ws-key").replaceChildren(...sheet.map(keyItem));
    $("sheet").hidden = false;
    $("key").hidden = false;
    const next = new URLSearchParams({ n: String(sheet.length), seed: String(first.seed) });
    if (from) next.set("from", from);
    history.replaceState(null, "", `?${next}`);
    status.textContent = `${sheet.length} exercise${sheet.length === 1 ? "" : "s"}, numbers ${first.seed} to ${first.seed + sheet.length - 1}, with the answer key on a page of its own.`;
  }

  if (from) $("back-to-lab").href = labUrl(from);
  $("ws-make").addEventListener("click", make);
  $("ws-new").addEventListener("click", () => {
    seed.value = String(Math.floor(Math.random() * 1e9));
    make();
  });
  for (const input of [count, seed]) input.addEventListener("keydown", (e) => e.key === "Enter" && make());
  $("ws-print").addEventListener("click", () => window.print());
  make();
  document.documentElement.dataset.ready = "true"; // as the lab marks it: the core has loaded
}

start().catch((e) => {
  $("ws-status").textContent = `The worksheet could not load its core (${e.message}). Reload the page to try again.`;
  $("ws-status").classList.add("bad");
});
