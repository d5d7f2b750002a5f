/**
 * A second generator of fictional person records, written independently of `generate.ts` (its
 * error model was not read while writing this one) so the engine is developed on corruption it was
 * not built around. People of all ages, in households (twins and siblings share a surname, home
 * and phone); each person has 1–4 records, and each copy after the first carries 0–3 errors drawn
 * from: OCR-like character substitutions (rn/m, cl/d, 0/o, 1/l, 5/s, e/c), a dropped or doubled
 * letter, a missing field, given and family names swapped, a nickname or an initial for the given
 * name, a shifted date of birth (a day, a month or a year out; day and month swapped), a changed
 * surname (marriage or a double-barrelled one), a new address, and a missing date. Columns are
 * formatted as a different agency would: names in any case, sometimes with a title or stray
 * spaces, dates in several formats in one column, phones with and without +44, postcodes with and
 * without the space.
 */
import { Random } from '@waypoint/random';
import { csvField } from '../cli/output.ts';

const GIVEN_F = [
  'mary',
  'patricia',
  'jennifer',
  'linda',
  'elizabeth',
  'barbara',
  'susan',
  'jessica',
  'sarah',
  'karen',
  'nancy',
  'lisa',
  'margaret',
  'sandra',
  'ashley',
  'emily',
  'donna',
  'michelle',
  'carol',
  'amanda',
  'melissa',
  'deborah',
  'stephanie',
  'rebecca',
  'laura',
  'helen',
  'sharon',
  'cynthia',
  'kathleen',
  'amy',
  'shirley',
  'angela',
  'anna',
  'ruth',
  'brenda',
  'pamela',
  'nicole',
  'katherine',
  'samantha',
  'christine',
  'emma',
  'olivia',
  'sophie',
  'grace',
  'chloe',
  'zara',
  'aisha',
  'fatima',
  'priya',
  'niamh',
  'siobhan',
  'megan',
  'bethany',
  'hannah',
  'lucy',
  'abigail',
  'victoria',
  'alexandra',
  'josephine',
  'frances',
];
const GIVEN_M = [
  'james',
  'robert',
  'john',
  'michael',
  'david',
  'william',
  'richard',
  'joseph',
  'thomas',
  'charles',
  'christopher',
  'daniel',
  'matthew',
  'anthony',
  'mark',
  'donald',
  'steven',
  'paul',
  'andrew',
  'joshua',
  'kenneth',
  'kevin',
  'brian',
  'george',
  'timothy',
  'ronald',
  'edward',
  'jason',
  'jeffrey',
  'ryan',
  'jacob',
  'gary',
  'nicholas',
  'eric',
  'jonathan',
  'stephen',
  'larry',
  'justin',
  'scott',
  'benjamin',
  'samuel',
  'alexander',
  'patrick',
  'jack',
  'harry',
  'oliver',
  'mohammed',
  'ahmed',
  'rohan',
  'arjun',
  'ciaran',
  'declan',
  'callum',
  'lewis',
  'owen',
  'rhys',
  'dylan',
  'frederick',
  'henry',
  'peter',
];
/** Short forms: what a person is called on a form filled in by someone who knows them. */
const NICK: Record<string, readonly string[]> = {
  elizabeth: ['liz', 'beth', 'lizzie', 'betty'],
  margaret: ['maggie', 'peggy', 'meg'],
  patricia: ['pat', 'tricia'],
  jennifer: ['jen', 'jenny'],
  katherine: ['kate', 'kathy', 'katie'],
  rebecca: ['becky', 'becca'],
  samantha: ['sam', 'sammy'],
  alexandra: ['alex', 'lexi'],
  victoria: ['vicky', 'tori'],
  deborah: ['debbie', 'deb'],
  stephanie: ['steph'],
  christine: ['chris', 'chrissie'],
  abigail: ['abby', 'abi'],
  josephine: ['jo', 'josie'],
  frances: ['fran', 'frankie'],
  pamela: ['pam'],
  susan: ['sue', 'susie'],
  jessica: ['jess'],
  amanda: ['mandy'],
  james: ['jim', 'jimmy', 'jamie'],
  robert: ['bob', 'rob', 'bobby'],
  william: ['bill', 'will', 'billy'],
  richard: ['dick', 'rick', 'richie'],
  joseph: ['joe', 'joey'],
  thomas: ['tom', 'tommy'],
  charles: ['charlie', 'chuck'],
  christopher: ['chris', 'kit'],
  daniel: ['dan', 'danny'],
  matthew: ['matt'],
  anthony: ['tony'],
  michael: ['mike', 'mick'],
  steven: ['steve'],
  andrew: ['andy', 'drew'],
  kenneth: ['ken', 'kenny'],
  edward: ['ed', 'ted', 'eddie'],
  nicholas: ['nick', 'nicky'],
  jonathan: ['jon', 'jonny'],
  benjamin: ['ben', 'benny'],
  samuel: ['sam', 'sammy'],
  alexander: ['alex', 'sandy'],
  patrick: ['paddy', 'pat'],
  frederick: ['fred', 'freddie'],
  henry: ['harry', 'hal'],
  timothy: ['tim'],
  donald: ['don'],
  ronald: ['ron', 'ronnie'],
  jacob: ['jake'],
  peter: ['pete'],
};
const SURNAMES = [
  'smith',
  'jones',
  'williams',
  'taylor',
  'brown',
  'davies',
  'evans',
  'wilson',
  'thomas',
  'johnson',
  'roberts',
  'robinson',
  'thompson',
  'wright',
  'walker',
  'white',
  'edwards',
  'hughes',
  'green',
  'hall',
  'lewis',
  'harris',
  'clarke',
  'patel',
  'jackson',
  'wood',
  'turner',
  'martin',
  'cooper',
  'hill',
  'ward',
  'morris',
  'moore',
  'clark',
  'lee',
  'king',
  'baker',
  'harrison',
  'morgan',
  'allen',
  'khan',
  'ahmed',
  'singh',
  'begum',
  'ali',
  'hussain',
  'kaur',
  'shah',
  'nguyen',
  'kowalski',
  "o'brien",
  "o'connor",
  'mcdonald',
  'macleod',
  'fitzgerald',
  'van der berg',
  'de souza',
  'murphy',
  'kelly',
  'byrne',
];
const SYLLABLES = [
  'bar',
  'ton',
  'el',
  'wick',
  'ash',
  'ford',
  'mer',
  'ing',
  'ley',
  'dal',
  'stow',
  'ca',
  'rin',
  'ov',
  'ski',
  'ham',
];
const STREETS = [
  'high street',
  'church road',
  'station road',
  'park avenue',
  'victoria road',
  'mill lane',
  'green lane',
  'kings road',
  'queens drive',
  'orchard way',
  'the crescent',
  'manor close',
];
const TOWNS = [
  'ashby',
  'brackley',
  'caldwell',
  'dunmore',
  'eastwick',
  'fenbury',
  'glenford',
  'harlow vale',
  'ingleton',
  'kirkby moor',
];
const TITLES = ['mr', 'mrs', 'miss', 'ms', 'dr', 'master'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** One person's true details. */
interface Person {
  entity: number;
  given: string;
  family: string;
  sex: 'M' | 'F';
  y: number;
  m: number;
  d: number;
  house: number;
  street: string;
  town: string;
  postcode: string;
  phone: string;
  email: string;
}

/** A generated record: what the CSV row says, and who it really is. */
export interface SecondRecord {
  id: string;
  entity: string;
  name_first: string;
  name_last: string;
  birth: string;
  gender: string;
  addr: string;
  town: string;
  pcode: string;
  tel: string;
  mail: string;
}

/** Columns of {@link secondCsv}. */
export const SECOND_COLUMNS = [
  'ref',
  'name_first',
  'name_last',
  'birth',
  'gender',
  'addr',
  'town',
  'pcode',
  'tel',
  'mail',
] as const;
/** The `--map` that reads {@link SECOND_COLUMNS}. */
export const SECOND_MAP =
  'given_name=name_first,family_name=name_last,dob=birth,sex=gender,address=addr,town=town,postcode=pcode,phone=tel,email=mail';

const pick = <T>(rng: Random, xs: readonly T[]): T => xs[rng.below(xs.length)]!;
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function madeUpSurname(rng: Random): string {
  let s = '';
  for (let k = 1 + rng.below(2); k >= 0; k--) s += pick(rng, SYLLABLES);
  return s;
}

function postcode(rng: Random): string {
  const L = 'ABCDEFGHJKLMNPRSTUWY';
  const area = L[rng.below(L.length)]! + (rng.chance(0.6) ? L[rng.below(L.length)]! : '');
  return `${area}${1 + rng.below(19)} ${rng.below(10)}${L[rng.below(L.length)]}${L[rng.below(L.length)]}`;
}

function newHome(rng: Random): Pick<Person, 'house' | 'street' | 'town' | 'postcode' | 'phone'> {
  return {
    house: 1 + rng.below(180),
    street: pick(rng, STREETS),
    town: pick(rng, TOWNS),
    postcode: postcode(rng),
    phone: `07${String(100000000 + rng.below(900000000))}`,
  };
}

const OCR: readonly [string, string][] = [
  ['m', 'rn'],
  ['rn', 'm'],
  ['d', 'cl'],
  ['cl', 'd'],
  ['o', '0'],
  ['l', '1'],
  ['i', 'l'],
  ['s', '5'],
  ['e', 'c'],
  ['c', 'e'],
  ['h', 'b'],
  ['u', 'v'],
  ['n', 'h'],
  ['a', 'o'],
];

/** One OCR-like substitution, or a dropped or doubled letter. */
function garble(rng: Random, s: string): string {
  if (s.length < 3) return s;
  if (rng.chance(0.6)) {
    const options = OCR.filter(([from]) => s.includes(from));
    if (options.length > 0) {
      const [from, to] = pick(rng, options);
      const at: number[] = [];
      for (let k = s.indexOf(from); k >= 0; k = s.indexOf(from, k + 1)) at.push(k);
      const k = pick(rng, at);
      return s.slice(0, k) + to + s.slice(k + from.length);
    }
  }
  const k = 1 + rng.below(s.length - 1);
  return rng.chance(0.5) ? s.slice(0, k) + s.slice(k + 1) : s.slice(0, k) + s.charAt(k) + s.slice(k);
}

function styleName(rng: Random, s: string): string {
  const r = rng.next();
  const styled =
    r < 0.3
      ? s.toUpperCase()
      : r < 0.8
        ? s.replace(/(^|[\s'-])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase())
        : s;
  return rng.chance(0.05) ? `  ${styled} ` : styled;
}

function styleDate(rng: Random, y: number, m: number, d: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const r = rng.next();
  if (r < 0.45) return `${p(d)}/${p(m)}/${y}`;
  if (r < 0.7) return `${y}-${p(m)}-${p(d)}`;
  if (r < 0.85) return `${d} ${MONTHS[m - 1]!.replace(/^./, (c) => c.toUpperCase())} ${y}`;
  if (r < 0.95) return `${d}.${m}.${y}`;
  return `${y}${p(m)}${p(d)}`;
}

function stylePhone(rng: Random, phone: string): string {
  const r = rng.next();
  if (r < 0.4) return phone;
  if (r < 0.7) return `${phone.slice(0, 5)} ${phone.slice(5)}`;
  return `+44 ${phone.slice(1, 5)} ${phone.slice(5)}`;
}

/**
 * Generate `size` records (about; whole people) of fictional people with their true entities.
 * @example const records = generateSecondSet({ size: 5000, seed: 11 });
 */
export function generateSecondSet(options: { size: number; seed?: number }): SecondRecord[] {
  const rng = new Random(options.seed ?? 11);
  const extraSurnames = Array.from({ length: 400 }, () => madeUpSurname(rng));
  const records: SecondRecord[] = [];
  let entity = 0;
  while (records.length < options.size) {
    // A household: 1–3 people sharing surname, home and phone; one in twenty households has twins.
    const family = rng.chance(0.5) ? pick(rng, SURNAMES) : pick(rng, extraSurnames);
    const home = newHome(rng);
    const members = 1 + rng.below(3);
    const baseYear = 1940 + rng.below(84);
    const twins = rng.chance(0.05) && members >= 2;
    const household: Person[] = [];
    for (let k = 0; k < members; k++) {
      const sex = rng.chance(0.5) ? 'F' : 'M';
      let given = pick(rng, sex === 'F' ? GIVEN_F : GIVEN_M);
      while (household.some((h) => h.given === given)) given = pick(rng, sex === 'F' ? GIVEN_F : GIVEN_M);
      const prev = household[k - 1];
      const sameBirth = twins && k === 1 && prev;
      const y = sameBirth ? prev.y : Math.min(2024, baseYear + k * (1 + rng.below(4)));
      const m = sameBirth ? prev.m : 1 + rng.below(12);
      const d = sameBirth ? prev.d : 1 + rng.below(daysIn(y, m));
      const p: Person = {
        entity: entity++,
        given,
        family,
        sex,
        y,
        m,
        d,
        ...home,
        email: `${given}.${family.replace(/[^a-z]/g, '')}${rng.below(100)}@example.org`,
      };
      household.push(p);
    }
    for (const p of household) {
      const copies = rng.chance(0.45) ? 1 : rng.chance(0.6) ? 2 : 2 + rng.below(3);
      for (let c = 0; c < copies && records.length < options.size; c++)
        records.push(corruptedCopy(rng, p, c === 0 ? 0 : rng.below(4), records.length));
    }
  }
  return records;
}

function corruptedCopy(rng: Random, p: Person, errors: number, n: number): SecondRecord {
  let given = p.given;
  let family = p.family;
  let { y, m, d } = p;
  let dobMissing = false;
  let { house, street, town, postcode: pc, phone } = p;
  let email = p.email;
  const missing = new Set<string>();
  for (let e = 0; e < errors; e++) {
    const r = rng.next();
    if (r < 0.2) {
      if (rng.chance(0.5)) given = garble(rng, given);
      else family = garble(rng, family);
    } else if (r < 0.3) {
      const short = NICK[given];
      given = short && rng.chance(0.7) ? pick(rng, short) : given[0]!;
    } else if (r < 0.37) [given, family] = [family, given];
    else if (r < 0.5) {
      const k = rng.next();
      if (k < 0.35) d = Math.min(daysIn(y, m), Math.max(1, d + (rng.chance(0.5) ? 1 : -1)));
      else if (k < 0.6) y += rng.chance(0.5) ? 1 : -1;
      else if (k < 0.8 && d <= 12) [d, m] = [m, d];
      else m = 1 + ((m + (rng.chance(0.5) ? 0 : 10)) % 12);
      d = Math.min(d, daysIn(y, m));
    } else if (r < 0.58) family = rng.chance(0.6) ? pick(rng, SURNAMES) : `${family}-${pick(rng, SURNAMES)}`;
    else if (r < 0.7) {
      ({ house, street, town, postcode: pc, phone } = newHome(rng));
      if (rng.chance(0.5)) email = '';
    } else if (r < 0.78) dobMissing = true;
    else missing.add(pick(rng, ['given', 'family', 'sex', 'addr', 'pcode', 'tel', 'mail', 'town']));
  }
  const title = rng.chance(0.08) ? `${pick(rng, TITLES)} ` : '';
  return {
    id: `S${String(n).padStart(7, '0')}`,
    entity: `E${p.entity}`,
    name_first: missing.has('given') ? '' : styleName(rng, title + given),
    name_last: missing.has('family') ? '' : styleName(rng, family),
    birth: dobMissing ? '' : styleDate(rng, y, m, d),
    gender: missing.has('sex') ? '' : rng.chance(0.5) ? p.sex : p.sex === 'F' ? 'Female' : 'Male',
    addr: missing.has('addr')
      ? ''
      : styleName(rng, `${house} ${rng.chance(0.2) ? street.replace(/ road$/, ' rd') : street}`),
    town: missing.has('town') ? '' : styleName(rng, town),
    pcode: missing.has('pcode') ? '' : rng.chance(0.3) ? pc.replace(' ', '').toLowerCase() : pc,
    tel: missing.has('tel') ? '' : stylePhone(rng, phone),
    mail: missing.has('mail') || rng.chance(0.4) ? '' : email,
  };
}

/**
 * The records as CSV (columns {@link SECOND_COLUMNS}; the truth is kept out of the file).
 * @example writeFileSync('second.csv', secondCsv(generateSecondSet({ size: 5000 })));
 */
export function secondCsv(records: readonly SecondRecord[]): string {
  const lines = [SECOND_COLUMNS.join(',')];
  for (const r of records)
    lines.push(
      [r.id, r.name_first, r.name_last, r.birth, r.gender, r.addr, r.town, r.pcode, r.tel, r.mail]
        .map(csvField)
        .join(','),
    );
  return lines.join('\n') + '\n';
}
