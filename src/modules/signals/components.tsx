// Form parts of the signals pages on NL Design System (Utrecht) classes, each naming its own error, and the
// section menu of the professionals' pages.
import type { ComponentChildren } from 'preact';
import { can } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/http/context.js';
import type { FieldError } from '../../platform/http/errors.js';
import { signalTexts, type Texts } from './messages.js';

export const textsOf = (ctx: RequestContext): Texts => signalTexts(ctx.locale);

const errorOf = (errors: FieldError[] | undefined, name: string) => errors?.find((e) => e.field === name);

function describedBy(name: string, hint: boolean, error: boolean) {
  return [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Chrome(props: {
  name: string;
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
        <label class="utrecht-form-label" for={props.name}>
          {props.label}
        </label>
      </div>
      {props.hint && (
        <div class="utrecht-form-field-description" id={`${props.name}-hint`}>
          {props.hint}
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

export function TextInput(props: {
  name: string;
  label: string;
  value?: string | null;
  hint?: string;
  errors?: FieldError[];
  type?: string;
  autocomplete?: string;
  inputmode?: string;
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <Chrome name={props.name} label={props.label} hint={props.hint} error={error} kind="text">
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputMode={props.inputmode as 'numeric' | undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, !!props.hint, !!error)}
      />
    </Chrome>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  value?: string | null;
  hint?: string;
  errors?: FieldError[];
  rows?: number;
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <Chrome name={props.name} label={props.label} hint={props.hint} error={error} kind="textarea">
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={props.name}
        name={props.name}
        rows={props.rows ?? 5}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, !!props.hint, !!error)}
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
  hint?: string;
}) {
  const error = errorOf(props.errors, props.name);
  return (
    <Chrome name={props.name} label={props.label} hint={props.hint} error={error} kind="select">
      <select
        class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={props.name}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, !!props.hint, !!error)}
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

export function Checkbox(props: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={props.name}
          name={props.name}
          value="ja"
          checked={props.checked}
          aria-describedby={props.hint ? `${props.name}-hint` : undefined}
        />
      </div>
      <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={props.name}>
          {props.label}
        </label>
      </div>
      {props.hint && (
        <div class="utrecht-form-field-description" id={`${props.name}-hint`}>
          {props.hint}
        </div>
      )}
    </div>
  );
}

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

/** The professionals' section menu: only the parts the role may use. */
export function Subnav(props: { ctx: RequestContext; current: string }) {
  const { ctx } = props;
  const t = textsOf(ctx);
  const links = [
    { href: '/signalen', label: t('list.title'), show: can(ctx.roles, 'signals:triage') },
    { href: '/signalen/overleg', label: t('list.meeting'), show: can(ctx.roles, 'signals:meeting') },
    { href: '/signalen/cijfers', label: t('list.figures'), show: can(ctx.roles, 'signals:figures') },
    { href: '/signalen/categorieen', label: t('list.categories'), show: can(ctx.roles, 'signals:manage') },
    { href: '/signalen/instellingen', label: t('settings.title'), show: can(ctx.roles, 'signals:manage') },
  ].filter((l) => l.show);
  return (
    <nav aria-label={t('list.title')} class="wk-subnav">
      <ul class="wk-subnav__list">
        {links.map((l) => (
          <li key={l.href}>
            <a
              class="utrecht-link"
              href={l.href}
              aria-current={l.href === props.current ? 'page' : undefined}
            >
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
