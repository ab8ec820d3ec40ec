// Texts of casework: field errors and problems for professionals, and the e-mails of the deadline watch.
// B1 Dutch first, English beside it.
import { moduleMessages, type Locale } from '../../platform/i18n/index.js';

const nl = {
  'field.membersRequired': 'Een huishouden heeft minstens 1 lid. Vul de gegevens van minstens 1 persoon in.',
  'field.tooManyMembers': 'Een huishouden heeft hoogstens 20 leden.',
  'field.givenName': 'Vul de voornaam in.',
  'field.familyName': 'Vul de achternaam in.',
  'field.birthDate': 'Vul een geldige geboortedatum in, bijvoorbeeld 1984-03-31.',
  'field.birthDateFuture': 'Een geboortedatum kan niet in de toekomst liggen.',
  'field.birthDateTooOld': 'Deze geboortedatum ligt meer dan 120 jaar terug. Kijk of het jaartal klopt.',
  'field.bsn': 'Dit is geen geldig BSN. Een BSN heeft 9 cijfers en klopt met de elfproef.',
  'field.bsnTwice': 'Dit BSN staat al bij een ander lid van dit huishouden.',
  'field.postcode': 'Vul een geldige postcode in: 4 cijfers en 2 letters, bijvoorbeeld 1931 AB.',
  'field.houseNumber': 'Vul een huisnummer in: een heel getal vanaf 1.',
  'field.email': 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.',
  'field.phone': 'Een telefoonnummer heeft alleen cijfers, spaties en de tekens + ( ) -.',
  'field.relation': 'Kies een van: {options}.',
  'field.channel': 'Kies hoe de vraag binnenkwam: {options}.',
  'field.question': 'Schrijf de vraag op, zo veel mogelijk in de woorden van de inwoner.',
  'field.lifeDomain': 'Onbekend leefgebied "{code}". Kies uit: {options}.',
  'field.lifeDomainTwice': 'Dit leefgebied staat er twee keer in.',
  'field.uuid': 'Dit is geen geldig id.',
  'field.instrument': 'Kies het meetinstrument: zrm of positive-health.',
  'field.moment': 'Kies het moment: intake, progress of closure.',
  'field.scoresRequired': 'Geef minstens 1 score.',
  'field.scoreCode': 'Onbekend onderdeel "{code}" voor {instrument}. Kies uit: {options}.',
  'field.scoreRange': 'Een score voor {instrument} is een heel getal van {min} tot en met {max}.',
  'field.talkAboutNotAllowed':
    'Alleen bij Positieve Gezondheid geeft de inwoner aan waarover hij of zij wil praten.',
  'field.talkAboutCode': '"{code}" heeft geen score in deze meting.',
  'field.assessedOn': 'Vul een geldige datum in, bijvoorbeeld 2025-03-31.',
  'field.assessedOnFuture': 'De datum van de meting kan niet in de toekomst liggen.',
  'field.personNotMember': 'Deze persoon hoort niet bij dit huishouden.',
  'field.reason': 'Schrijf op waarom deze collega toegang nodig heeft.',
  'field.coWorkerRole':
    'Deze collega werkt niet in het sociaal team (consulent, expertconsulent of teamleider) en kan geen toegang krijgen.',
  'field.coWorkerIsLead': 'Deze collega is de regievoerder en heeft al toegang.',
  'field.coWorkerUnknown': 'Deze collega kennen wij niet.',
  'field.lookupEmpty': 'Geef een persoon (naam en geboortedatum) of een adres (postcode en huisnummer).',
  'field.unknown': 'Dit veld kennen wij niet.',
  'field.tooLong': 'Dit is te lang.',
  'field.invalid': 'Deze waarde klopt niet.',
  'field.required': 'Vul dit veld in.',

  'problem.householdNotFound': 'Dit huishouden bestaat niet.',
  'problem.supportRequestNotFound': 'Deze hulpvraag bestaat niet.',
  'problem.notInvolved': 'U werkt niet aan dit huishouden. Neem contact op met de regievoerder: {name}.',
  'problem.possibleDuplicate':
    'Dit huishouden of een lid ervan is misschien al bekend. Kijk eerst of het om hetzelfde huishouden gaat. Is het echt een ander huishouden? Stuur het dan opnieuw met "confirm_new_household": true.',
  'problem.alreadyResponded': 'Op deze hulpvraag is al gereageerd.',
  'problem.alreadyCoWorker': 'Deze collega heeft al toegang tot dit huishouden.',
  'problem.coWorkerNotFound': 'Deze collega heeft geen toegang tot dit huishouden.',
  'problem.onlyLeadGrants':
    'Alleen de regievoerder of een teamleider kan collega’s toegang geven of ontnemen.',
  'problem.noOpenCase': 'Dit huishouden heeft geen open casus.',

  'channel.walk-in': 'inloopspreekuur',
  'channel.phone': 'telefoon',
  'channel.email': 'e-mail',
  'channel.home-visit': 'huisbezoek',
  'channel.resident-portal': 'inwonersportaal',
  'channel.referral': 'verwijzing',
  'channel.signal': 'signaal',
  'instrument.zrm': 'de Zelfredzaamheid-Matrix',
  'instrument.positive-health': 'Positieve Gezondheid',

  'mail.overdue.subjectOne': 'Reactietermijn verlopen: 1 hulpvraag',
  'mail.overdue.subjectMany': 'Reactietermijn verlopen: {count} hulpvragen',
  'mail.overdue.intro': 'Op deze hulpvragen is niet binnen de reactietermijn gereageerd:',
  'mail.overdue.item': '- Hulpvraag {ref} ({channel}), termijn verlopen op {deadline}. Regievoerder: {lead}.',
  'mail.overdue.noLead': 'onbekend',
  'mail.overdue.outro':
    'Spreek met de regievoerder af wie vandaag contact opneemt met het huishouden. Alle hulpvragen met een verlopen termijn ziet u in Wijkkracht: {url}',
  'mail.newRequest.subject': 'Nieuwe hulpvraag bij een huishouden waarvan u regievoerder bent',
  'mail.newRequest.text':
    '{name} heeft een nieuwe hulpvraag vastgelegd ({channel}). Reageer vóór {deadline}.\n\nU leest de vraag in Wijkkracht: {url}',
};

const en: Record<keyof typeof nl, string> = {
  'field.membersRequired': 'A household has at least 1 member. Fill in at least 1 person.',
  'field.tooManyMembers': 'A household has at most 20 members.',
  'field.givenName': 'Fill in the given name.',
  'field.familyName': 'Fill in the family name.',
  'field.birthDate': 'Fill in a valid date of birth, for example 1984-03-31.',
  'field.birthDateFuture': 'A date of birth cannot be in the future.',
  'field.birthDateTooOld': 'This date of birth is more than 120 years ago. Check the year.',
  'field.bsn': 'This is not a valid BSN. A BSN has 9 digits and passes the eleven test.',
  'field.bsnTwice': 'This BSN is already given for another member of this household.',
  'field.postcode': 'Fill in a valid postcode: 4 digits and 2 letters, for example 1931 AB.',
  'field.houseNumber': 'Fill in a house number: a whole number from 1.',
  'field.email': 'Fill in a valid e-mail address, for example name@example.nl.',
  'field.phone': 'A phone number has only digits, spaces and the characters + ( ) -.',
  'field.relation': 'Choose one of: {options}.',
  'field.channel': 'Choose how the question came in: {options}.',
  'field.question': "Write the question down, in the resident's own words as much as possible.",
  'field.lifeDomain': 'Unknown life domain "{code}". Choose from: {options}.',
  'field.lifeDomainTwice': 'This life domain is given twice.',
  'field.uuid': 'This is not a valid id.',
  'field.instrument': 'Choose the instrument: zrm or positive-health.',
  'field.moment': 'Choose the moment: intake, progress or closure.',
  'field.scoresRequired': 'Give at least 1 score.',
  'field.scoreCode': 'Unknown item "{code}" for {instrument}. Choose from: {options}.',
  'field.scoreRange': 'A score for {instrument} is a whole number from {min} to {max}.',
  'field.talkAboutNotAllowed':
    'Only with Positive Health does the resident mark what they want to talk about.',
  'field.talkAboutCode': '"{code}" has no score in this assessment.',
  'field.assessedOn': 'Fill in a valid date, for example 2025-03-31.',
  'field.assessedOnFuture': 'The date of the assessment cannot be in the future.',
  'field.personNotMember': 'This person is not a member of this household.',
  'field.reason': 'Write down why this colleague needs access.',
  'field.coWorkerRole':
    'This colleague does not work in the social team (consultant, expert consultant or team lead) and cannot get access.',
  'field.coWorkerIsLead': 'This colleague is the case lead and already has access.',
  'field.coWorkerUnknown': 'We do not know this colleague.',
  'field.lookupEmpty': 'Give a person (name and date of birth) or an address (postcode and house number).',
  'field.unknown': 'We do not know this field.',
  'field.tooLong': 'This is too long.',
  'field.invalid': 'This value is not right.',
  'field.required': 'Fill in this field.',

  'problem.householdNotFound': 'This household does not exist.',
  'problem.supportRequestNotFound': 'This support request does not exist.',
  'problem.notInvolved': 'You do not work on this household. Contact the case lead: {name}.',
  'problem.possibleDuplicate':
    'This household or one of its members may already be known. First check whether it is the same household. Is it really another household? Then send it again with "confirm_new_household": true.',
  'problem.alreadyResponded': 'This support request has already been responded to.',
  'problem.alreadyCoWorker': 'This colleague already has access to this household.',
  'problem.coWorkerNotFound': 'This colleague has no access to this household.',
  'problem.onlyLeadGrants': 'Only the case lead or a team lead can give or take away access for colleagues.',
  'problem.noOpenCase': 'This household has no open case.',

  'channel.walk-in': 'walk-in hours',
  'channel.phone': 'phone',
  'channel.email': 'e-mail',
  'channel.home-visit': 'home visit',
  'channel.resident-portal': 'resident portal',
  'channel.referral': 'referral',
  'channel.signal': 'signal',
  'instrument.zrm': 'the self-sufficiency matrix',
  'instrument.positive-health': 'Positive Health',

  'mail.overdue.subjectOne': 'Response deadline passed: 1 support request',
  'mail.overdue.subjectMany': 'Response deadline passed: {count} support requests',
  'mail.overdue.intro': 'These support requests were not responded to within the response deadline:',
  'mail.overdue.item':
    '- Support request {ref} ({channel}), deadline passed on {deadline}. Case lead: {lead}.',
  'mail.overdue.noLead': 'unknown',
  'mail.overdue.outro':
    'Agree with the case lead who contacts the household today. All support requests past their deadline are in Wijkkracht: {url}',
  'mail.newRequest.subject': 'New support request for a household you are the case lead of',
  'mail.newRequest.text':
    '{name} recorded a new support request ({channel}). Respond before {deadline}.\n\nRead the question in Wijkkracht: {url}',
};

export type CaseworkMessage = keyof typeof nl;
export type Texts = (key: CaseworkMessage, vars?: Record<string, string | number>) => string;

export const caseworkTexts: (locale: Locale) => Texts = moduleMessages(nl, en);
