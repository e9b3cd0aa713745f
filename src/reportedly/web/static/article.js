// The article page: a claim's record on hover and focus, click or Enter to pin it, Esc to unpin,
// j/k (or the arrow keys on a highlight) to move between claims. Records are rendered (and escaped)
// by the server in #records and cloned into the tooltip; no string is ever parsed as HTML here.
(function () {
  "use strict";
  const text = document.getElementById("article-text");
  const tip = document.getElementById("tip");
  if (!text || !tip) return;
  const anchors = Array.from(text.querySelectorAll("mark.hl[id^='claim-']"));
  let pinned = null;

  const markOf = (el) => (el && el.closest ? el.closest("mark.hl") : null);
  const claimOf = (el) => { const m = markOf(el); return m && text.contains(m) ? m.dataset.claim : null; };
  const marksOf = (n) => text.querySelectorAll(`mark.hl[data-claim="${CSS.escape(n)}"]`);
  const anchorOf = (n) => document.getElementById(`claim-${n}`);
  const itemOf = (n) => document.getElementById(`item-${n}`);

  function place(el) {
    if (!el) return;
    const r = el.getBoundingClientRect();
    const width = Math.min(448, window.innerWidth - 16);
    const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${r.bottom + window.scrollY + 6}px`;
  }

  function show(n, near) {
    const card = document.getElementById(`rec-${n}`);
    if (!card) return;
    const copy = card.cloneNode(true);
    copy.removeAttribute("id");
    tip.replaceChildren(copy);
    tip.dataset.claim = n;
    tip.classList.toggle("pinned", pinned === n);
    tip.hidden = false;
    text.querySelectorAll("mark.hl.active").forEach((m) => m.classList.remove("active"));
    marksOf(n).forEach((m) => m.classList.add("active"));
    place(near || anchorOf(n));
  }

  function hide() {
    if (pinned !== null) { show(pinned); return; }
    tip.hidden = true;
    text.querySelectorAll("mark.hl.active").forEach((m) => m.classList.remove("active"));
  }

  function unpin(quiet) {
    if (pinned === null) return;
    marksOf(pinned).forEach((m) => m.classList.remove("pinned"));
    anchorOf(pinned)?.setAttribute("aria-pressed", "false");
    itemOf(pinned)?.classList.remove("current");
    pinned = null;
    tip.classList.remove("pinned");
    if (!quiet) {
      hide();
      history.replaceState(null, "", location.pathname + location.search);
    }
  }

  function pin(n, focus) {
    unpin(true);
    pinned = n;
    marksOf(n).forEach((m) => m.classList.add("pinned"));
    const anchor = anchorOf(n);
    anchor?.setAttribute("aria-pressed", "true");
    const item = itemOf(n);
    if (item) { item.classList.add("current"); item.scrollIntoView({ block: "nearest" }); }
    if (focus && anchor) {
      anchor.scrollIntoView({ block: "center" });
      anchor.focus({ preventScroll: true });
    }
    show(n, anchor);
    if (location.hash !== `#claim-${n}`) history.replaceState(null, "", `#claim-${n}`);
  }

  const toggle = (n) => (pinned === n ? unpin() : pin(n));

  function move(step) {
    if (!anchors.length) return;
    const current = claimOf(document.activeElement) ?? pinned;
    const i = anchors.findIndex((a) => a.dataset.claim === current);
    const j = i < 0 ? (step > 0 ? 0 : anchors.length - 1) : Math.max(0, Math.min(anchors.length - 1, i + step));
    anchors[j].focus();
    anchors[j].scrollIntoView({ block: "nearest" });
  }

  text.addEventListener("mouseover", (e) => { const n = claimOf(e.target); if (n !== null) show(n, markOf(e.target)); });
  text.addEventListener("mouseleave", hide);
  text.addEventListener("focusin", (e) => { const n = claimOf(e.target); if (n !== null) show(n, markOf(e.target)); });
  text.addEventListener("focusout", (e) => {
    if (!text.contains(e.relatedTarget) && !tip.contains(e.relatedTarget)) hide();
  });
  text.addEventListener("click", (e) => { const n = claimOf(e.target); if (n !== null) toggle(n); });

  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target;
    if (target.closest && target.closest("input, textarea, select, button, [contenteditable]")) return;
    const onMark = claimOf(target) !== null;
    if (e.key === "j" || (onMark && (e.key === "ArrowDown" || e.key === "ArrowRight"))) {
      e.preventDefault(); move(1);
    } else if (e.key === "k" || (onMark && (e.key === "ArrowUp" || e.key === "ArrowLeft"))) {
      e.preventDefault(); move(-1);
    } else if (onMark && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault(); toggle(claimOf(target));
    } else if (e.key === "Escape") {
      if (pinned !== null) { const back = anchorOf(pinned); unpin(); back?.focus(); } else hide();
    }
  });

  document.querySelector(".side")?.addEventListener("click", (e) => {
    const link = e.target.closest("a[data-claim]");
    if (!link) return;
    e.preventDefault();
    pin(link.dataset.claim, true);
  });

  function fromHash() {
    const m = /^#claim-(\d+)$/.exec(location.hash);
    if (m && anchorOf(m[1])) pin(m[1], true);
  }
  window.addEventListener("hashchange", fromHash);
  window.addEventListener("resize", () => { if (!tip.hidden) place(anchorOf(tip.dataset.claim)); });
  fromHash();
})();
