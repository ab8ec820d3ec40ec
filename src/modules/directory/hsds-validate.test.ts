// Validation of HSDS compiled-service files: every problem with its JSON path and a Dutch reason.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { readDemoServices } from './demo.js';
import { validateCompiledServices, type Problem } from './hsds-validate.js';
import type { CompiledService } from './schemas.js';
import { edit } from './test-support.js';

let corpus: CompiledService[];
const copy = <T>(v: T): T => structuredClone(v);

function problemsOf(json: unknown): Problem[] {
  const result = validateCompiledServices(json);
  assert.equal(result.ok, false, 'the file is rejected');
  return result.ok ? [] : result.problems;
}

function problemAt(problems: Problem[], path: string): Problem {
  const found = problems.find((p) => p.path === path);
  assert.ok(
    found,
    `a problem at ${path}; got:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`,
  );
  return found;
}

describe('HSDS validation', () => {
  before(async () => {
    corpus = await readDemoServices();
  });

  test('the demo corpus is valid as it is', () => {
    const result = validateCompiledServices(corpus);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems.slice(0, 5)));
    assert.equal(result.services.length, 394);
  });

  test('a file that is not a list says so', () => {
    assert.deepEqual(problemsOf({ services: [] }), [
      { path: '$', message: 'het bestand moet een lijst (JSON-array) van diensten zijn' },
    ]);
  });

  test('wrong types, missing fields and values out of range are each reported at their path', () => {
    const file = copy(corpus.slice(0, 6));
    edit(file, '[0].name', undefined);
    edit(file, '[1].minimum_age', 'twaalf');
    edit(file, '[2].service_at_locations[0].location.latitude', 123.4);
    edit(file, '[3].schedules[0].opens_at', '9 uur');
    edit(file, '[4].status', 'open');
    edit(file, '[5].service_at_locations[0].location.addresses[0].postal_code', 1931);
    const problems = problemsOf(file);
    assert.equal(problemAt(problems, '$[0].name').message, 'ontbreekt; dit veld is verplicht');
    assert.equal(problemAt(problems, '$[1].minimum_age').message, 'moet een getal zijn (gegeven: "twaalf")');
    assert.equal(
      problemAt(problems, '$[2].service_at_locations[0].location.latitude').message,
      'moet tussen -90 en 90 liggen (gegeven: 123.4)',
    );
    assert.equal(
      problemAt(problems, '$[3].schedules[0].opens_at').message,
      'moet een tijd zijn in de vorm UU:MM, bijvoorbeeld 09:30 (gegeven: "9 uur")',
    );
    assert.match(
      problemAt(problems, '$[4].status').message,
      /^moet een van deze waarden zijn: active, inactive/,
    );
    assert.equal(
      problemAt(problems, '$[5].service_at_locations[0].location.addresses[0].postal_code').message,
      'moet tekst zijn (gegeven: 1931)',
    );
    assert.equal(problems.length, 6, 'one problem each, not a cascade');
  });

  test('ids, dates and e-mail addresses must have their form', () => {
    const file = copy(corpus.slice(0, 1));
    edit(file, '[0].id', 'dienst-1');
    edit(file, '[0].assured_date', '17-10-2024');
    edit(file, '[0].email', 'info at example.nl');
    edit(file, '[0].last_modified', 'gisteren');
    const problems = problemsOf(file);
    assert.match(problemAt(problems, '$[0].id').message, /^moet een UUID zijn/);
    assert.match(
      problemAt(problems, '$[0].assured_date').message,
      /^moet een datum zijn in de vorm JJJJ-MM-DD/,
    );
    assert.match(problemAt(problems, '$[0].email').message, /^moet een e-mailadres zijn/);
    assert.match(problemAt(problems, '$[0].last_modified').message, /^moet een tijdstip zijn in ISO 8601/);
  });

  test('an id used twice is a duplicate, with where it was first', () => {
    const file = copy(corpus.slice(0, 3));
    file[2]!.id = file[0]!.id;
    file[1]!.phones![0]!.id = file[0]!.phones![0]!.id;
    const problems = problemsOf(file);
    assert.equal(
      problemAt(problems, '$[2].id').message,
      `dubbel id: dienst ${file[0]!.id} staat ook op $[0]`,
    );
    assert.equal(
      problemAt(problems, '$[1].phones[0].id').message,
      `dubbel id: telefoonnummer ${file[0]!.phones![0]!.id} staat ook op $[0].phones[0]`,
    );
  });

  test('a location or taxonomy term may repeat, but not with different content', () => {
    const locationId = corpus[0]!.service_at_locations![0]!.location_id!;
    const other = corpus.findIndex((s, i) => i > 0 && s.service_at_locations![0]!.location_id === locationId);
    assert.ok(other > 0, 'the corpus repeats locations');
    const file = copy([corpus[0]!, corpus[other]!]);
    file[1]!.service_at_locations![0]!.location!.name = 'Een andere naam';
    file[1]!.attributes![0]!.taxonomy_term!.name = 'Anders';
    const problems = problemsOf(file);
    assert.match(
      problemAt(problems, '$[1].service_at_locations[0].location').message,
      /^locatie .* staat ook op \$\[0\]\.service_at_locations\[0\]\.location, maar met een andere inhoud$/,
    );
    const termId = file[1]!.attributes![0]!.taxonomy_term_id!;
    const first = file[0]!.attributes!.findIndex((a) => a.taxonomy_term_id === termId);
    if (first >= 0)
      assert.match(problemAt(problems, '$[1].attributes[0].taxonomy_term').message, /met een andere inhoud$/);
  });

  test('schedules follow the recurrence rules', () => {
    const file = copy(corpus.slice(0, 1));
    Object.assign(file[0]!.schedules![0]!, {
      freq: 'WEEKLY',
      byday: '1TU,3TU',
      bymonthday: '15',
      count: 5,
      until: '2025-01-01',
      valid_from: '2025-02-01',
      valid_to: '2025-01-01',
    });
    edit(file, '[0].service_at_locations[0].schedules[0].byday', 'dinsdag');
    edit(file, '[0].service_at_locations[0].schedules[0].freq', 'FORTNIGHTLY');
    const problems = problemsOf(file);
    assert.match(problemAt(problems, '$[0].schedules[0].byday').message, /alleen bij freq MONTHLY of YEARLY/);
    assert.match(
      problemAt(problems, '$[0].schedules[0].bymonthday').message,
      /alleen bij freq MONTHLY of YEARLY/,
    );
    assert.match(problemAt(problems, '$[0].schedules[0].count').message, /count en until samen kan niet/);
    assert.match(problemAt(problems, '$[0].schedules[0].valid_to').message, /ligt voor valid_from/);
    assert.match(
      problemAt(problems, '$[0].service_at_locations[0].schedules[0].byday').message,
      /^moet dagen zijn zoals MO,WE/,
    );
    assert.match(
      problemAt(problems, '$[0].service_at_locations[0].schedules[0].freq').message,
      /^moet een van deze waarden zijn: DAILY, WEEKLY, MONTHLY, YEARLY/,
    );
  });

  test('monthly rules with numbered days and negative ones are fine', () => {
    const file = copy(corpus.slice(0, 1));
    Object.assign(file[0]!.schedules![0]!, {
      freq: 'MONTHLY',
      byday: '1TU,-1FR',
      bymonthday: '1,-1',
      interval: 2,
    });
    assert.ok(validateCompiledServices(file).ok);
  });

  test('ages must be in order, and links must point to what the object is nested in', () => {
    const file = copy(corpus.slice(0, 2));
    file[0]!.minimum_age = 65;
    file[0]!.maximum_age = 18;
    file[0]!.phones![0]!.service_id = file[1]!.id;
    file[0]!.attributes![0]!.link_id = file[1]!.id;
    file[1]!.service_at_locations![0]!.service_id = file[0]!.id;
    file[1]!.organization_id = file[0]!.id;
    const problems = problemsOf(file);
    assert.equal(
      problemAt(problems, '$[0].minimum_age').message,
      'minimum_age (65) is groter dan maximum_age (18)',
    );
    assert.equal(
      problemAt(problems, '$[0].phones[0].service_id').message,
      `verwijst naar dienst ${file[1]!.id}, maar staat binnen dienst ${file[0]!.id}`,
    );
    problemAt(problems, '$[0].attributes[0].link_id');
    problemAt(problems, '$[1].service_at_locations[0].service_id');
    assert.match(problemAt(problems, '$[1].organization_id').message, /maar organization\.id is/);
  });

  test('a service needs an organization, an attribute its term, a service_at_location its location', () => {
    const file = copy(corpus.slice(0, 1));
    delete file[0]!.organization;
    delete file[0]!.organization_id;
    delete file[0]!.attributes![0]!.taxonomy_term;
    delete file[0]!.attributes![0]!.taxonomy_term_id;
    delete file[0]!.service_at_locations![0]!.location;
    delete file[0]!.service_at_locations![0]!.location_id;
    const problems = problemsOf(file);
    assert.match(problemAt(problems, '$[0].organization_id').message, /geef organization_id of organization/);
    assert.match(problemAt(problems, '$[0].attributes[0].taxonomy_term_id').message, /geef taxonomy_term_id/);
    assert.match(problemAt(problems, '$[0].service_at_locations[0].location_id').message, /geef location_id/);
  });

  test('null means "not given", and ids are compared in lower case', () => {
    const file = copy(corpus.slice(0, 1));
    edit(file, '[0].alternate_name', null);
    edit(file, '[0].id', file[0]!.id.toUpperCase());
    const result = validateCompiledServices(file);
    assert.ok(result.ok);
    assert.equal(result.services[0]!.id, corpus[0]!.id);
    assert.equal('alternate_name' in result.services[0]!, false);
  });
});
