// The destination settings of the job form: a form generated from the destination type's settings schema (GET
// /destination-types; the subset the Core README documents), or a JSON editor for a type that declares none.
// Secrets arrive masked; sent back unchanged, the mask keeps the stored value. A duplicate copies no secret.
import { el } from "./ui.js";
import { field, parseJson, jsonText, numberOrText } from "./fields.js";

/** What the API shows instead of a stored secret. */
export const MASK = "********";

const SECRET_KEPT = `Stored secret: leave ${MASK} to keep it, or type a new value.`;
const SECRET_AGAIN = "Enter it again: a duplicate does not copy secrets.";

/**
 * The settings editor of one destination type: { wrap, read(), showErrors(errors) -> unshown, clear() }.
 * type: the entry of GET /destination-types; config: the settings to start from (masked); mode: new | edit | duplicate.
 */
export function settingsEditor(type, config, mode) {
  config = config || {};
  const schema = type && type.settingsSchema;
  return schema ? schemaForm(type, schema, config, mode) : jsonEditor(type, config, mode);
}

function schemaForm(type, schema, config, mode) {
  const required = new Set(schema.required || []);
  const secrets = new Set(type.secretSettings || []);
  const fields = new Map();
  const mustRetype = new Set();
  for (const [name, property] of Object.entries(schema.properties || {})) {
    const secret = property.writeOnly === true || secrets.has(name);
    const stored = config[name];
    const retype = mode === "duplicate" && secret && stored !== undefined && stored !== null;
    if (retype) mustRetype.add(name);
    const hint = [property.description, secret && mode === "edit" && stored === MASK ? SECRET_KEPT : null, retype ? SECRET_AGAIN : null]
      .filter(Boolean).join(" ");
    const options = {
      label: property.title || name,
      hint: hint || null,
      required: required.has(name) || retype,
      placeholder: property.default !== undefined && property.type !== "boolean" ? `default: ${property.default}` : null,
      autocomplete: secret ? "new-password" : "off",
    };
    const value = retype ? undefined : stored;
    let f;
    if (property.type === "integer") {
      f = field(`destinationConfig.${name}`, "number", { ...options, value: value ?? "" });
    } else if (property.type === "boolean" && typeof property.default === "boolean") {
      f = field(`destinationConfig.${name}`, "checkbox", { ...options, value: value ?? property.default });
    } else if (property.type === "boolean") {
      f = field(`destinationConfig.${name}`, "select", { ...options, choices: [["", "Not set (the destination decides)"], ["true", "Yes"], ["false", "No"]], value: value === undefined ? "" : String(value) });
    } else if (property.type === "object") {
      f = field(`destinationConfig.${name}`, "textarea", { ...options, rows: 3, value: value === MASK ? MASK : jsonText(value), hint: [options.hint, "A JSON object of strings."].filter(Boolean).join(" ") });
    } else if (Array.isArray(property.enum)) {
      const choices = (required.has(name) ? [] : [["", property.default !== undefined ? `Default (${property.default})` : "Not set"]]).concat(property.enum.map((v) => [v, v]));
      f = field(`destinationConfig.${name}`, "select", { ...options, choices, value: value ?? "" });
    } else if (property.contentMediaType) {
      f = field(`destinationConfig.${name}`, "textarea", { ...options, rows: 4, value: value ?? "" });
    } else {
      f = field(`destinationConfig.${name}`, secret ? "password" : "text", { ...options, type: property.format === "uri" ? "url" : "text", value: value ?? "" });
    }
    f.property = property;
    fields.set(name, f);
  }

  const general = el("p", { class: "field-error", hidden: true, "data-testid": "field-error" });
  const wrap = el("fieldset", { class: "settings", "data-testid": "destination-settings", "data-editor": "schema" },
    el("legend", {}, schema.title || `${type.name} settings`),
    schema.description ? el("p", { class: "hint" }, schema.description) : null,
    general,
    [...fields.values()].map((f) => f.wrap));

  return {
    wrap,
    /** { value: destinationConfig, errors: { key: [msg] } } (errors: what cannot be sent: bad JSON, a secret to retype). */
    read() {
      const value = {};
      const errors = {};
      for (const [name, f] of fields) {
        const property = f.property;
        const text = f.value();
        if (property.type === "boolean" && f.kind === "checkbox") {
          if (text !== property.default || config[name] !== undefined) value[name] = text;
        } else if (property.type === "boolean") {
          if (text !== "") value[name] = text === "true";
        } else if (property.type === "integer") {
          const n = numberOrText(text);
          if (n !== null) value[name] = n;
        } else if (property.type === "object") {
          if (text.trim() === MASK) value[name] = MASK;
          else {
            const parsed = parseJson(text);
            if (parsed.error) errors[f.key] = [parsed.error];
            else if (parsed.value !== null) value[name] = parsed.value;
          }
        } else if (text !== "") {
          value[name] = text;
        }
        if (mustRetype.has(name) && (text === "" || text === MASK)) errors[f.key] = [SECRET_AGAIN];
      }
      return { value, errors };
    },
    /** Shows errors under their settings; answers the ones that have no setting here. */
    showErrors(errors) {
      const rest = {};
      for (const [key, messages] of Object.entries(errors)) {
        const name = key.slice("destinationConfig.".length).split(/[.[]/)[0];
        const f = key.startsWith("destinationConfig.") ? fields.get(name) : null;
        if (f) f.error(messages);
        else if (key === "destinationConfig" || key.startsWith("destinationConfig.")) {
          general.hidden = false;
          general.textContent = [general.textContent, ...messages.map((m) => (key === "destinationConfig" ? m : `${key.slice(18)}: ${m}`))].filter(Boolean).join(" ");
        } else rest[key] = messages;
      }
      return rest;
    },
    clear() {
      general.hidden = true;
      general.textContent = "";
      for (const f of fields.values()) f.clear();
    },
    firstInvalid: () => wrap.querySelector("[aria-invalid=true]"),
  };
}

function jsonEditor(type, config, mode) {
  const secrets = type ? type.secretSettings || [] : [];
  const start = { ...config };
  const retype = [];
  if (mode === "duplicate") {
    for (const name of secrets) {
      if (start[name] !== undefined && start[name] !== null) { start[name] = ""; retype.push(name); }
    }
  }
  const hint = [
    "This destination type declares no settings form: edit its settings as a JSON object.",
    mode === "edit" && secrets.length ? `Secrets (${secrets.join(", ")}) show as ${MASK}: leave it to keep a stored one.` : null,
    retype.length ? `Enter ${retype.join(", ")} again: a duplicate does not copy secrets.` : null,
  ].filter(Boolean).join(" ");
  const f = field("destinationConfig", "textarea", { label: type ? `${type.name} settings (JSON)` : "Settings (JSON)", hint, rows: 6, value: jsonText(start), required: true });
  const wrap = el("fieldset", { class: "settings", "data-testid": "destination-settings", "data-editor": "json" },
    el("legend", {}, type ? `${type.name} settings` : "Destination settings"), f.wrap);
  return {
    wrap,
    read() {
      const parsed = parseJson(f.value());
      if (parsed.error) return { value: null, errors: { destinationConfig: [parsed.error] } };
      const value = parsed.value ?? {};
      if (typeof value !== "object" || Array.isArray(value)) return { value: null, errors: { destinationConfig: ["The settings must be a JSON object: { \"name\": value, … }."] } };
      const missing = retype.filter((name) => value[name] === undefined || value[name] === "" || value[name] === MASK);
      return { value, errors: missing.length ? { destinationConfig: [`Enter ${missing.join(", ")} again: a duplicate does not copy secrets.`] } : {} };
    },
    showErrors(errors) {
      const rest = {};
      const mine = [];
      for (const [key, messages] of Object.entries(errors)) {
        if (key === "destinationConfig") mine.push(...messages);
        else if (key.startsWith("destinationConfig.")) mine.push(...messages.map((m) => `${key.slice(18)}: ${m}`));
        else rest[key] = messages;
      }
      if (mine.length) f.error(mine);
      return rest;
    },
    clear() { f.clear(); },
    firstInvalid: () => wrap.querySelector("[aria-invalid=true]"),
  };
}
