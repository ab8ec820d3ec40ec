// Small building blocks shared by the sociale-kaart pages, on NL Design System (Utrecht) classes.
import type { ComponentChildren } from 'preact';

export { Checkbox } from '../../../platform/pages/forms.js';

/** Stylesheets of this module; a body <link rel="stylesheet"> is valid HTML and keeps the shared Layout as it is. */
export function DirectoryStyles(props: { map?: boolean }) {
  return (
    <>
      <link rel="stylesheet" href="/assets/directory/directory.css" />
      {props.map && <link rel="stylesheet" href="/assets/directory/leaflet.css" />}
    </>
  );
}

/** The one client script: print buttons and the map. Everything works without it. */
export function DirectoryScript() {
  return <script type="module" src="/assets/directory/directory.js" />;
}

export function Facts(props: {
  items: [string, ComponentChildren | undefined | null | false][];
  compact?: boolean;
}) {
  const items = props.items.filter(([, v]) => v !== undefined && v !== null && v !== false && v !== '');
  if (!items.length) return null;
  return (
    <dl
      class={`utrecht-data-list utrecht-data-list--rows wk-data-list wk-facts${props.compact ? ' wk-facts--compact' : ''}`}
    >
      {items.map(([key, value]) => (
        <div class="utrecht-data-list__item" key={key}>
          <dt class="utrecht-data-list__item-key">{key}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A print button that appears only when the script runs (printing needs window.print). */
export function PrintButton(props: { children: ComponentChildren }) {
  return (
    <button
      type="button"
      class="utrecht-button utrecht-button--secondary-action wk-no-print"
      data-wk-print
      hidden
    >
      {props.children}
    </button>
  );
}

export function Select(props: {
  name: string;
  label: string;
  value: string;
  any: string;
  options: { value: string; label: string }[];
  groups?: { label: string; options: { value: string; label: string }[] }[];
  required?: boolean;
}) {
  return (
    <div class="utrecht-form-field utrecht-form-field--select wk-field">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      <div class="utrecht-form-field__input">
        <select
          class="utrecht-select utrecht-select--html-select"
          id={props.name}
          name={props.name}
          required={props.required}
        >
          <option value="" selected={!props.value}>
            {props.any}
          </option>
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === props.value} key={o.value}>
              {o.label}
            </option>
          ))}
          {props.groups?.map((g) => (
            <optgroup label={g.label} key={g.label}>
              {g.options.map((o) => (
                <option
                  value={o.value}
                  selected={o.value.toLowerCase() === props.value.toLowerCase()}
                  key={o.value}
                >
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </div>
  );
}

export function Radio(props: { name: string; value: string; label: string; checked: boolean }) {
  const id = `${props.name}-${props.value || 'alle'}`;
  return (
    <div class="utrecht-form-field utrecht-form-field--radio">
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-radio-button utrecht-radio-button--html-input"
          type="radio"
          id={id}
          name={props.name}
          value={props.value}
          checked={props.checked}
        />
      </div>
      <div class="utrecht-form-field__label utrecht-form-field__label--radio">
        <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
          {props.label}
        </label>
      </div>
    </div>
  );
}

export function Fieldset(props: { legend: string; children: ComponentChildren; class?: string }) {
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset ${props.class ?? ''}`}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
        {props.legend}
      </legend>
      {props.children}
    </fieldset>
  );
}
