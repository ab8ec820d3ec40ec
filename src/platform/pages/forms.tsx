// Form controls for every module's pages on NL Design System (Utrecht) classes. Each control ties its label,
// hint and error to the input (for/id, aria-describedby), and groups (radios, check boxes) use fieldset and
// legend, so screen readers announce them as one question. Error messages arrive already in the reader's
// language (module texts); the id defaults to the name and is what the ErrorSummary links to.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../http/errors.js';

export const errorOf = (errors: FieldError[] | undefined, field: string) =>
  errors?.find((e) => e.field === field);

export function describedBy(id: string, hint: boolean, error: boolean) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** Label, hint and error around one input. */
function FormField(props: {
  id: string;
  label: string;
  hint?: string;
  error?: FieldError;
  kind: string;
  children: ComponentChildren;
}) {
  return (
    <div
      class={`utrecht-form-field utrecht-form-field--${props.kind}${props.error ? ' utrecht-form-field--invalid' : ''}`}
    >
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.id}>
          {props.label}
        </label>
      </div>
      {props.hint && (
        <div class="utrecht-form-field-description" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
      {props.error && (
        <div class="utrecht-form-field-error-message" id={`${props.id}-error`}>
          {props.error.message}
        </div>
      )}
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}

export function TextInput(props: {
  name: string;
  id?: string;
  label: string;
  value?: string | null;
  hint?: string;
  errors?: FieldError[];
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  required?: boolean;
}) {
  const id = props.id ?? props.name;
  const error = errorOf(props.errors, id);
  return (
    <FormField id={id} label={props.label} hint={props.hint} error={error} kind="text">
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? undefined}
        autocomplete={props.autocomplete}
        required={props.required}
        inputMode={props.inputmode as 'numeric' | undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, !!props.hint, !!error)}
      />
    </FormField>
  );
}

export function TextArea(props: {
  name: string;
  id?: string;
  label: string;
  value?: string | null;
  hint?: string;
  errors?: FieldError[];
  required?: boolean;
  rows?: number;
}) {
  const id = props.id ?? props.name;
  const error = errorOf(props.errors, id);
  return (
    <FormField id={id} label={props.label} hint={props.hint} error={error} kind="textarea">
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, !!props.hint, !!error)}
      >
        {props.value ?? ''}
      </textarea>
    </FormField>
  );
}

export function Select(props: {
  name: string;
  id?: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  hint?: string;
  errors?: FieldError[];
}) {
  const id = props.id ?? props.name;
  const error = errorOf(props.errors, id);
  return (
    <FormField id={id} label={props.label} hint={props.hint} error={error} kind="select">
      <select
        class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={id}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, !!props.hint, !!error)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** A yes/no check box; checked, it posts "ja". */
export function Checkbox(props: {
  name: string;
  id?: string;
  label: string;
  /** What a ticked box sends; "ja" unless the form needs another word ("deze-week"). */
  value?: string;
  checked?: boolean;
  hint?: string;
  errors?: FieldError[];
}) {
  const id = props.id ?? props.name;
  const error = errorOf(props.errors, id);
  return (
    <div
      class={`utrecht-form-field utrecht-form-field--checkbox${error ? ' utrecht-form-field--invalid' : ''}`}
    >
      {error && (
        <div class="utrecht-form-field-error-message" id={`${id}-error`}>
          {error.message}
        </div>
      )}
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={id}
          name={props.name}
          value={props.value ?? 'ja'}
          checked={props.checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, !!props.hint, !!error)}
        />
      </div>
      <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
          {props.label}
        </label>
      </div>
      {props.hint && (
        <div class="utrecht-form-field-description" id={`${id}-hint`}>
          {props.hint}
        </div>
      )}
    </div>
  );
}

/** One question with several yes/no answers; each check box posts "ja" under its own name. */
export function Checkboxes(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: FieldError;
  options: { name: string; label: string; checked: boolean }[];
  /** A class for a box around the options, e.g. to lay a long list out in columns. */
  optionsClass?: string;
}) {
  const options = props.options.map((o) => (
    <div class="utrecht-form-field utrecht-form-field--checkbox" key={o.name}>
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={o.name}
          name={o.name}
          value="ja"
          checked={o.checked}
        />
      </div>
      <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={o.name}>
          {o.label}
        </label>
      </div>
    </div>
  ));
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset${props.error ? ' utrecht-form-fieldset--invalid' : ''}`}
      id={props.id}
      aria-describedby={describedBy(props.id, !!props.hint, !!props.error)}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
        {props.legend}
      </legend>
      {props.hint && (
        <div class="utrecht-form-field-description" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
      {props.error && (
        <div class="utrecht-form-field-error-message" id={`${props.id}-error`}>
          {props.error.message}
        </div>
      )}
      {props.optionsClass ? <div class={props.optionsClass}>{options}</div> : options}
    </fieldset>
  );
}

/** One question with one answer out of a few; the fieldset carries the name as id for the ErrorSummary. */
export function Radios(props: {
  name: string;
  legend: string;
  value: string;
  options: { value: string; label: string }[];
  errors?: FieldError[];
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      id={props.name}
      aria-describedby={error ? `${props.name}-error` : undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
        {props.legend}
      </legend>
      {error && (
        <div class="utrecht-form-field-error-message" id={`${props.name}-error`}>
          {error.message}
        </div>
      )}
      {props.options.map((o) => {
        const id = `${props.name}-${o.value}`;
        return (
          <div class="utrecht-form-field utrecht-form-field--radio" key={o.value}>
            <div class="utrecht-form-field__input">
              <input
                class="utrecht-radio-button utrecht-radio-button--html-input"
                type="radio"
                id={id}
                name={props.name}
                value={o.value}
                checked={o.value === props.value}
              />
            </div>
            <div class="utrecht-form-field__label utrecht-form-field__label--radio">
              <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
                {o.label}
              </label>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A group of fields under one legend, drawn as a card. */
export function Fieldset(props: { id?: string; legend: string; hint?: string; children: ComponentChildren }) {
  return (
    <fieldset
      class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset wk-fieldset wk-card"
      id={props.id}
      aria-describedby={props.hint && props.id ? `${props.id}-hint` : undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {props.legend}
      </legend>
      {props.hint && (
        <div class="utrecht-form-field-description" id={props.id ? `${props.id}-hint` : undefined}>
          {props.hint}
        </div>
      )}
      {props.children}
    </fieldset>
  );
}
