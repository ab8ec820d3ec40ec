// Form parts of the referral pages (text area, select, check box, radio group) with the Utrecht classes, label,
// hint and error wired to the field for screen readers.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../platform/http/errors.js';

const errorOf = (errors: FieldError[] | undefined, name: string) => errors?.find((e) => e.field === name);
const describedBy = (name: string, hint: boolean, error: boolean) =>
  [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;

function Chrome(props: {
  name: string;
  label: string;
  description?: string;
  error?: FieldError;
  kind: string;
  children: ComponentChildren;
}) {
  return (
    <div
      class={`utrecht-form-field utrecht-form-field--${props.kind}${props.error ? ' utrecht-form-field--invalid' : ''}`}
    >
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      {props.description && (
        <div class="utrecht-form-field-description" id={`${props.name}-hint`}>
          {props.description}
        </div>
      )}
      {props.error && (
        <div class="utrecht-form-field-error-message" id={`${props.name}-error`}>
          {props.error.message}
        </div>
      )}
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  value?: string | null;
  description?: string;
  errors?: FieldError[];
  rows?: number;
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <Chrome
      name={props.name}
      label={props.label}
      description={props.description}
      error={error}
      kind="textarea"
    >
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={props.name}
        name={props.name}
        rows={props.rows ?? 3}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, !!props.description, !!error)}
      >
        {props.value ?? ''}
      </textarea>
    </Chrome>
  );
}

export function Select(props: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  errors?: FieldError[];
  description?: string;
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <Chrome name={props.name} label={props.label} description={props.description} error={error} kind="select">
      <select
        class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={props.name}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, !!props.description, !!error)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Chrome>
  );
}

export function Checkbox(props: { name: string; label: string; checked: boolean; errors?: FieldError[] }) {
  const error = errorOf(props.errors, props.name);
  return (
    <div
      class={`utrecht-form-field utrecht-form-field--checkbox${error ? ' utrecht-form-field--invalid' : ''}`}
    >
      {error && (
        <div class="utrecht-form-field-error-message" id={`${props.name}-error`}>
          {error.message}
        </div>
      )}
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={props.name}
          name={props.name}
          value="ja"
          checked={props.checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${props.name}-error` : undefined}
        />
      </div>
      <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={props.name}>
          {props.label}
        </label>
      </div>
    </div>
  );
}

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
      {props.options.map((o) => (
        <div class="utrecht-form-field utrecht-form-field--radio" key={o.value}>
          <div class="utrecht-form-field__input">
            <input
              class="utrecht-radio-button utrecht-radio-button--html-input"
              type="radio"
              id={`${props.name}-${o.value}`}
              name={props.name}
              value={o.value}
              checked={o.value === props.value}
            />
          </div>
          <div class="utrecht-form-field__label utrecht-form-field__label--radio">
            <label class="utrecht-form-label utrecht-form-label--radio" for={`${props.name}-${o.value}`}>
              {o.label}
            </label>
          </div>
        </div>
      ))}
    </fieldset>
  );
}
