// The forms of the social team: a question from a new household (with the duplicate warning), a new question of
// a known household, and the ZRM and spider-web assessments. Each works without JavaScript and keeps what was
// typed when something needs correcting.
import type { RequestContext } from '../../../platform/http/context.js';
import type { FieldError } from '../../../platform/http/errors.js';
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  Heading1,
  Layout,
  P,
  SubmitButton,
} from '../../../platform/pages/layout.js';
import { currentItemSet, lifeDomainCodes } from '../instruments.js';
import { caseworkTexts } from '../messages.js';
import type { DuplicateMatch } from '../service.js';
import { channels, memberRelations, moments, type Instrument } from '../tables.js';
import {
  CaseworkStyles,
  Checkbox,
  Checkboxes,
  Fieldset,
  Select,
  Subnav,
  TextArea,
  errorOf,
  textsOf,
} from './components.js';
import { MatchTable, domainLabel, householdHref } from './overview-page.js';

/** Without JavaScript a form cannot grow: four people fit most households; more can follow in the file. */
export const MEMBER_ROWS = 4;

export interface QuestionForm {
  channel: string;
  question: string;
  life_domains: string[];
}

export interface MemberForm {
  given_name: string;
  family_name: string;
  birth_date: string;
  relation: string;
  phone: string;
  email: string;
}

export interface RegisterForm extends QuestionForm {
  members: MemberForm[];
  postcode: string;
  house_number: string;
  house_number_addition: string;
  street: string;
  city: string;
  confirm: boolean;
}

function QuestionFields(props: { ctx: RequestContext; form?: QuestionForm; errors?: FieldError[] }) {
  const { ctx, form, errors } = props;
  const texts = textsOf(ctx);
  const cw = caseworkTexts(ctx.locale);
  return (
    <>
      <Select
        name="channel"
        label={texts('field.channel')}
        value={form?.channel ?? 'walk-in'}
        errors={errors}
        options={channels.map((c) => ({ value: c, label: cw(`channel.${c}`) }))}
      />
      <TextArea
        name="question"
        label={texts('field.question')}
        description={texts('field.questionHint')}
        value={form?.question}
        errors={errors}
        rows={5}
      />
      <Checkboxes
        id="life_domains"
        legend={texts('field.lifeDomains')}
        hint={texts('field.lifeDomainsHint')}
        error={errorOf(errors, 'life_domains')}
        options={lifeDomainCodes.map((code) => ({
          name: `life_domain.${code}`,
          label: domainLabel(ctx, code),
          checked: form?.life_domains.includes(code) ?? false,
        }))}
      />
    </>
  );
}

export function RegisterPage(props: {
  ctx: RequestContext;
  form?: RegisterForm;
  errors?: FieldError[];
  duplicates?: DuplicateMatch[];
}) {
  const { ctx, form, errors } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('register.title')}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current="/sociaal-team/nieuw" />
      <Heading1>{texts('register.title')}</Heading1>
      <P lead>{texts('register.intro')}</P>
      <ErrorSummary ctx={ctx} errors={errors ?? []} />
      <form method="post" action="/sociaal-team/nieuw" class="wk-cw-form" noValidate>
        <CsrfField ctx={ctx} />
        {props.duplicates && props.duplicates.length > 0 && (
          <div class="wk-section">
            <Alert type="warning">{texts('register.duplicates')}</Alert>
            <MatchTable
              ctx={ctx}
              id="duplicates"
              caption={texts('register.duplicatesCaption')}
              matches={props.duplicates}
              actionHead={texts('register.useExisting')}
              action={(m, n) => (
                <button
                  type="submit"
                  name="use_household"
                  value={m.household_id}
                  class="utrecht-button utrecht-button--secondary-action"
                  aria-label={texts('register.useExistingLabel', { n })}
                >
                  {texts('register.useExisting')}
                </button>
              )}
            />
            <P>{texts('register.confirmHint')}</P>
            <Checkbox name="confirm_new_household" label={texts('register.confirm')} checked={false} />
          </div>
        )}
        <Fieldset legend={texts('register.question')}>
          <QuestionFields ctx={ctx} form={form} errors={errors} />
        </Fieldset>
        <Fieldset id="members" legend={texts('register.members')} hint={texts('register.membersHint')}>
          {errorOf(errors, 'members') && (
            <div class="utrecht-form-field-error-message">{errorOf(errors, 'members')!.message}</div>
          )}
          <div class="wk-cw-members">
            {Array.from({ length: MEMBER_ROWS }, (_, i) => {
              const m = form?.members[i];
              const name = (f: string) => `members.${i}.${f}`;
              return (
                <Fieldset legend={texts('register.member', { n: i + 1 })} key={i}>
                  <Field
                    ctx={ctx}
                    name={name('given_name')}
                    label={texts('field.givenName')}
                    value={m?.given_name}
                    errors={errors}
                  />
                  <Field
                    ctx={ctx}
                    name={name('family_name')}
                    label={texts('field.familyName')}
                    description={texts('field.familyNameHint')}
                    value={m?.family_name}
                    errors={errors}
                  />
                  <Field
                    ctx={ctx}
                    name={name('birth_date')}
                    label={texts('field.birthDate')}
                    type="date"
                    description={texts('field.birthDateHint')}
                    value={m?.birth_date}
                    errors={errors}
                  />
                  <Select
                    name={name('relation')}
                    label={texts('field.relation')}
                    value={m?.relation ?? (i === 0 ? 'main-resident' : '')}
                    errors={errors}
                    options={[
                      { value: '', label: texts('field.relation.none') },
                      ...memberRelations.map((r) => ({ value: r, label: texts(`relation.${r}`) })),
                    ]}
                  />
                  <Field
                    ctx={ctx}
                    name={name('phone')}
                    label={texts('field.phone')}
                    type="tel"
                    value={m?.phone}
                    errors={errors}
                  />
                  <Field
                    ctx={ctx}
                    name={name('email')}
                    label={texts('field.email')}
                    type="email"
                    value={m?.email}
                    errors={errors}
                  />
                </Fieldset>
              );
            })}
          </div>
        </Fieldset>
        <Fieldset legend={texts('register.address')}>
          <Field
            ctx={ctx}
            name="address.postcode"
            label={texts('field.postcode')}
            description={texts('field.postcodeHint')}
            value={form?.postcode}
            autocomplete="off"
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="address.house_number"
            label={texts('field.houseNumber')}
            inputmode="numeric"
            value={form?.house_number}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="address.house_number_addition"
            label={texts('field.houseNumberAddition')}
            description={texts('field.houseNumberAdditionHint')}
            value={form?.house_number_addition}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="address.street"
            label={texts('field.street')}
            value={form?.street}
            errors={errors}
          />
          <Field
            ctx={ctx}
            name="address.city"
            label={texts('field.city')}
            value={form?.city}
            errors={errors}
          />
        </Fieldset>
        <SubmitButton>{texts('register.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function RequestPage(props: {
  ctx: RequestContext;
  householdId: string;
  /** The household's name, only for who works on it. */
  name?: string;
  form?: QuestionForm;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  return (
    <Layout ctx={ctx} title={texts('request.title')}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current="" />
      <Heading1>{texts('request.title')}</Heading1>
      {props.name && <P lead>{texts('request.intro', { name: props.name })}</P>}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <form
        method="post"
        action={`${householdHref(props.householdId)}/hulpvraag`}
        class="wk-cw-form"
        noValidate
      >
        <CsrfField ctx={ctx} />
        <QuestionFields ctx={ctx} form={props.form} errors={props.errors} />
        <SubmitButton>{texts('request.submit')}</SubmitButton>
      </form>
      <P>
        <a class="utrecht-link" href={householdHref(props.householdId)}>
          {texts('assessment.back')}
        </a>
      </P>
    </Layout>
  );
}

export interface AssessmentForm {
  moment: string;
  assessed_on: string;
  person_id: string;
  scores: Record<string, string>;
  talk_about: string[];
}

export const assessmentPaths: Record<Instrument, string> = {
  zrm: 'zrm',
  'positive-health': 'positieve-gezondheid',
};

export function AssessmentPage(props: {
  ctx: RequestContext;
  instrument: Instrument;
  householdId: string;
  name: string;
  members: { id: string; given_name: string; family_name: string }[];
  form?: AssessmentForm;
  errors?: FieldError[];
}) {
  const { ctx, instrument, form, errors } = props;
  const texts = textsOf(ctx);
  const set = currentItemSet[instrument];
  const title = instrument === 'zrm' ? texts('assessment.zrm.title') : texts('assessment.health.title');
  const label = (i: { nl: string; en: string }) => (ctx.locale === 'en' ? i.en : i.nl);
  const scoreOptions = [
    { value: '', label: texts('assessment.notScored') },
    ...Array.from({ length: set.max - set.min + 1 }, (_, k) => {
      const score = set.min + k;
      const level = set.levels?.[score];
      return { value: String(score), label: level ? `${score} – ${label(level)}` : String(score) };
    }),
  ];
  return (
    <Layout ctx={ctx} title={title}>
      <CaseworkStyles />
      <Subnav ctx={ctx} current="" />
      <Heading1>{title}</Heading1>
      <P
        lead
      >{`${texts('household.title', { name: props.name })}. ${instrument === 'zrm' ? texts('assessment.zrm.intro') : texts('assessment.health.intro')}`}</P>
      <ErrorSummary ctx={ctx} errors={errors ?? []} />
      <form
        method="post"
        action={`${householdHref(props.householdId)}/${assessmentPaths[instrument]}`}
        class="wk-cw-form"
        noValidate
      >
        <CsrfField ctx={ctx} />
        <Select
          name="moment"
          label={texts('assessment.moment')}
          value={form?.moment ?? 'intake'}
          errors={errors}
          options={moments.map((m) => ({ value: m, label: texts(`moment.${m}`) }))}
        />
        <Field
          ctx={ctx}
          name="assessed_on"
          label={texts('assessment.assessedOn')}
          type="date"
          description={texts('assessment.assessedOnHint')}
          value={form?.assessed_on}
          errors={errors}
        />
        <Select
          name="person_id"
          label={texts('assessment.person')}
          description={texts('assessment.personHint')}
          value={form?.person_id ?? ''}
          errors={errors}
          options={[
            { value: '', label: texts('household.wholeHousehold') },
            ...props.members.map((m) => ({ value: m.id, label: `${m.given_name} ${m.family_name}` })),
          ]}
        />
        <Fieldset id="scores" legend={texts('assessment.scores')}>
          {errorOf(errors, 'scores') && (
            <div class="utrecht-form-field-error-message">{errorOf(errors, 'scores')!.message}</div>
          )}
          {set.items.map((item) => (
            <div key={item.code}>
              <Select
                name={`scores.${item.code}`}
                label={label(item)}
                value={form?.scores[item.code] ?? ''}
                errors={errors}
                options={scoreOptions}
              />
              {set.talkFlag && (
                <Checkbox
                  name={`talk_about.${item.code}`}
                  label={texts('assessment.talk', { item: label(item) })}
                  checked={form?.talk_about.includes(item.code) ?? false}
                />
              )}
            </div>
          ))}
        </Fieldset>
        <SubmitButton>{texts('assessment.submit')}</SubmitButton>
      </form>
      <P>
        <a class="utrecht-link" href={householdHref(props.householdId)}>
          {texts('assessment.back')}
        </a>
      </P>
    </Layout>
  );
}
