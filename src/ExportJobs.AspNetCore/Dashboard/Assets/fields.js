// Form fields of the job form: a label, the control, its help and its error, wired for assistive technology
// (aria-describedby names the help and, while it shows, the error; aria-invalid marks a field the API refused).
import { el } from "./ui.js";

let counter = 0;
const nextId = (key) => `f-${String(key).replace(/[^A-Za-z0-9_-]/g, "-")}-${++counter}`;

/**
 * A field: { key, wrap, control, error(messages), clear(), value(), focus() }. kind: "text" | "password" | "textarea"
 * | "select" | "checkbox" | "number" (a text box with a numeric keyboard: what is typed goes to the API as typed, so the
 * API, not the browser, says what is wrong). options: label, hint, value, required, choices [[value, text]], placeholder,
 * rows, type (an input type such as "url"), list (a datalist id), autocomplete.
 */
export function field(key, kind, options = {}) {
  const id = nextId(key);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint = options.hint ? el("p", { class: "hint", id: hintId }, options.hint) : null;
  const error = el("p", { class: "field-error", id: errorId, hidden: true, "data-testid": "field-error" });
  const common = {
    id,
    name: key,
    "data-field": key,
    required: options.required || null,
    "aria-required": options.required ? "true" : null,
    "aria-describedby": hint ? hintId : null,
    placeholder: options.placeholder ?? null,
    autocomplete: options.autocomplete ?? null,
  };
  let control;
  if (kind === "textarea") {
    control = el("textarea", { ...common, rows: options.rows || 3, spellcheck: "false" });
    control.value = options.value ?? "";
  } else if (kind === "select") {
    control = el("select", common, (options.choices || []).map(([value, text]) => el("option", { value }, text)));
    if (options.value !== undefined && options.value !== null) control.value = String(options.value);
  } else if (kind === "checkbox") {
    control = el("input", { ...common, type: "checkbox" });
    control.checked = !!options.value;
  } else {
    const type = kind === "password" ? "password" : options.type || "text";
    control = el("input", { ...common, type, inputmode: kind === "number" ? "numeric" : null, list: options.list ?? null });
    control.value = options.value ?? "";
  }

  const label = el("label", { for: id }, options.label || key, options.required ? el("span", { class: "req", "aria-hidden": "true" }, " *") : null);
  const wrap = kind === "checkbox"
    ? el("div", { class: "field check", "data-key": key }, control, label, hint, error)
    : el("div", { class: "field", "data-key": key }, label, control, hint, error);

  return {
    key,
    kind,
    wrap,
    control,
    /** Shows the messages under the field and marks it invalid. */
    error(messages) {
      error.textContent = messages.join(" ");
      error.hidden = false;
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", [hint ? hintId : null, errorId].filter(Boolean).join(" "));
    },
    clear() {
      error.textContent = "";
      error.hidden = true;
      control.removeAttribute("aria-invalid");
      if (hint) control.setAttribute("aria-describedby", hintId); else control.removeAttribute("aria-describedby");
    },
    /** The value: a boolean for a checkbox, the trimmed text otherwise ("" when empty). */
    value() {
      if (kind === "checkbox") return control.checked;
      return kind === "password" || kind === "textarea" ? control.value : control.value.trim();
    },
    focus() { control.focus(); },
  };
}

/** "" -> null; a whole number -> that number; anything else as typed (the API reports it under the field). */
export function numberOrText(text) {
  if (text === "") return null;
  return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

/** Parses a JSON field's text: "" -> null; else { value } or { error } (the browser's parse error, in words). */
export function parseJson(text) {
  if (text.trim() === "") return { value: null };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `This is not valid JSON: ${e.message}` };
  }
}

/** A value as the text of a JSON field ("" for null/undefined). */
export const jsonText = (value) => (value === null || value === undefined ? "" : JSON.stringify(value, null, 2));
