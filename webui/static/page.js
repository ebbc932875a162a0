// Persona Chat: the page behaviour Gradio has no setting for. Loaded once in <head> (webui/page.py);
// event hooks in app.py call these functions through `js=`, so each hook stays one line.
(() => {
  "use strict";

  const input = () => document.querySelector("#chat-input textarea");
  const stopButton = () => document.querySelector("#chat-input .stop-button");
  const idle = () => !stopButton() && !input()?.disabled;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  let followed = false; // the first address-bar update (page load) replaces; later ones push a history entry

  window.personaChat = {
    /** Resolve once no reply is streaming and the chat's own bookkeeping has run (input unlocked again).
     *  Persona changes wait on this, so the chat is cleared only after the old reply has stopped (the
     *  change's `cancels=` stops it; app.py). */
    async settled(timeoutMs = 15000) {
      const deadline = Date.now() + timeoutMs;
      while (!idle() && Date.now() < deadline) await sleep(50);
      await nextFrame();
    },

    /** Put the persona's link parameters (everything the share link carries) into the address bar without
     *  a reload, keeping Gradio's and Spaces' own `__` parameters such as `__theme`. Back/Forward then walk
     *  through customers (see the popstate listener). */
    followLink(link) {
      let wanted;
      try {
        wanted = new URL(link).searchParams;
      } catch {
        return;
      }
      const here = new URL(window.location.href);
      const next = new URLSearchParams(wanted);
      for (const [key, value] of here.searchParams) if (key.startsWith("__")) next.append(key, value);
      const search = `?${next}`;
      if (search !== here.search) {
        const url = `${here.pathname}${search}${here.hash}`;
        if (followed) window.history.pushState(null, "", url);
        else window.history.replaceState(null, "", url);
      }
      followed = true;
      if (window.parent !== window) {
        // On a Space the app is an iframe: Spaces update the page's own address from this message.
        window.parent.postMessage({ queryString: wanted.toString() }, "https://huggingface.co");
      }
    },

    /** Hand the focus back to the chat input after a reply, unless the visitor has moved on elsewhere. */
    async focusInput() {
      // Gradio unlocks the input (and empties it) in a step of its own after the reply: wait for that one,
      // so nothing typed straight after the focus returns is wiped.
      for (let i = 0; i < 200 && !idle(); i += 1) await sleep(25);
      const box = input();
      const active = document.activeElement;
      const away = active && active !== document.body && !active.closest("#chat-input, #chatbot");
      if (box && !box.disabled && !away) box.focus();
    },
  };

  // A brand welcome offers the persona's example questions as its options (Gradio shows examples only in an
  // empty chat). Gradio's own option click runs a reply that locks no input and no Stop can stop: send the
  // question as the visitor would type it, so it takes the chat's one path (locked input, Stop, cancels=).
  document.addEventListener("click", async (event) => {
    const option = event.target.closest?.("#chatbot .options .option");
    const box = input();
    if (!option || !box) return;
    event.stopPropagation();
    event.preventDefault();
    if (!idle()) return;
    box.value = option.textContent.trim();
    box.dispatchEvent(new Event("input", { bubbles: true }));
    await nextFrame();
    document.querySelector("#chat-input .submit-button")?.click();
  }, true);

  // Back/Forward to an earlier customer: the page applies the address's link without reloading.
  window.addEventListener("popstate", () => document.querySelector("#restore-link")?.click());

  // Gradio wraps a textbox's copy button and the field in one <label>, which then names the button
  // (already named "Copy") instead of the field: give such fields their label's text.
  const nameFields = () => {
    for (const field of document.querySelectorAll("label textarea:not([aria-label]), label input:not([aria-label])")) {
      const label = field.closest("label");
      const text = label.querySelector("[data-testid='block-info']")?.textContent.trim();
      if (text && label.querySelector("button") && label.querySelector("button").compareDocumentPosition(field)
          & Node.DOCUMENT_POSITION_FOLLOWING) {
        field.setAttribute("aria-label", text);
      }
    }
  };
  new MutationObserver(nameFields).observe(document.documentElement, { childList: true, subtree: true });
})();
