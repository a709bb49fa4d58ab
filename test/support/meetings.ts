/**
 * A fast-check generator of valid meetings of every shape, for the property
 * tests (test/properties.test.ts), in the ranges of issue 28: 2 to 60 actors
 * (most meetings small) with long official names, 0 to 12 questions (see
 * QUESTIONS_MIN) and sometimes no positions at all, meetings of one day or
 * several, 1 to 25 sources with long URLs, 0 to 40 quotations in several
 * scripts, 1 to 80 claims (the schema asks for one at least: the summary
 * cites claims, so a meeting without any has no bottom line), people's and
 * actors' names in their own scripts (native_name, native_lang: Arabic,
 * Hebrew, Devanagari, Thai, Chinese, Japanese, Korean, Greek, Cyrillic; only
 * characters the shipped fonts have), open questions, events before, during
 * and after, an optional discrepancy, and optional sections left empty or
 * left out. Every text is unique and carries a marker (`k…`) so a test can
 * find it in a document's extracted text.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

const WORDS = [
  'maritime',
  'security',
  'northern',
  'energy',
  'grid',
  'cooperation',
  'reconstruction',
  'monitoring',
  'coastal',
  'supply',
  'frontier',
  'customs',
  'fisheries',
  'transit',
  'archive',
  'mandate',
  'observer',
  'harbour',
  'lending',
  'scholarship',
];
const PLACES = [
  'Aldoria',
  'Belmaris',
  'Corvania',
  'Dunmere',
  'Estravia',
  'Fennick',
  'Galdora',
  'Halvern',
  'Istrana',
  'Jorvik',
  'Kestral',
  'Lunmar',
  'Morvane',
  'Nordhal',
  'Ostrevia',
  'Pellmar',
  'Quenlin',
  'Rostova',
  'Sarnia',
  'Tervane',
];
const FORMS = [
  'Republic of',
  'Federal Democratic Republic of',
  'United Kingdom of',
  'Principality of',
  'Commonwealth of',
  'Independent and Sovereign State of',
  'Plurinational Union of',
];
/** Quotations in scripts the theme's fonts hold (Noto Sans, Naskh Arabic, Hebrew, Devanagari, Thai, Noto Sans CJK, Greek, Cyrillic). */
const QUOTES: { lang?: string; text: string }[] = [
  { text: 'We will keep the harbour open to every ship that respects the rules' },
  { lang: 'ar', text: 'سنواصل العمل مع شركائنا من أجل السلام' },
  { lang: 'he', text: 'נמשיך לעבוד עם שותפינו למען השלום' },
  { lang: 'hi', text: 'हम शांति के लिए अपने साझेदारों के साथ काम करते रहेंगे' },
  { lang: 'th', text: 'เราจะทำงานร่วมกับพันธมิตรเพื่อสันติภาพต่อไป' },
  { lang: 'zh-Hans', text: '我们将继续与伙伴合作维护和平' },
  { lang: 'ja', text: '私たちは平和のために協力を続けます' },
  { lang: 'el', text: 'Θα συνεχίσουμε να συνεργαζόμαστε για την ειρήνη' },
  { lang: 'uk', text: 'Ми продовжимо працювати з партнерами заради миру' },
  { text: 'Nothing about the frontier will be decided without the people who live along it, and we said so plainly' },
];
/** Names in their own scripts, for people (native_name) and for actors' official names. */
const NATIVE: { lang: string; person: string; actor: string }[] = [
  { lang: 'ar', person: 'أمينة حداد', actor: 'جمهورية مصر العربية' },
  { lang: 'he', person: 'נועה לוי', actor: 'מדינת ישראל' },
  { lang: 'hi', person: 'अर्जुन शर्मा', actor: 'भारत गणराज्य' },
  { lang: 'th', person: 'สมชาย วงศ์สกุล', actor: 'ราชอาณาจักรไทย' },
  { lang: 'zh-Hans', person: '李伟', actor: '中华人民共和国' },
  { lang: 'ja', person: '佐藤由紀', actor: '日本国' },
  { lang: 'ko', person: '김민준', actor: '대한민국' },
  { lang: 'el', person: 'Νίκος Παπαδόπουλος', actor: 'Ελληνική Δημοκρατία' },
  { lang: 'uk', person: 'Олександр Шевченко', actor: 'Україна' },
  { lang: 'ru', person: 'Мария Иванова', actor: 'Российская Федерация' },
];
/**
 * The fewest questions (dimensions) a meeting has: none, a meeting whose
 * sources record no stances (then it has no positions either).
 */
export const QUESTIONS_MIN = 0;
const CATEGORY_SETS = [
  ['yes', 'no', 'not_stated'],
  ['yes', 'open', 'no', 'not_stated'],
  ['leading', 'yes', 'depends', 'undecided', 'no', 'not_stated'],
  ['required', 'important', 'not_required', 'not_stated', 'not_applicable'],
];
const WHEN_AFTER = [
  '2025-06',
  '2025-Q3',
  '2025-autumn',
  'later_this_year',
  'coming_weeks',
  '2025-07-14',
  '2025-09/2025-11',
  'next_year',
];
const WHEN_BEFORE = ['2025-01', '2024', '2025-02-11', '2024-Q4'];
const TOPICS = ['meeting', 'planning', 'positions', 'context', 'next_steps'];

/** The shape of a meeting: how many of each thing, chosen by fast-check. */
export interface MeetingShape {
  actors: number;
  questions: number;
  noPositions: boolean;
  days: number;
  sources: number;
  urlLength: number;
  quotes: number[];
  claims: number;
  openQuestions: number;
  before: number;
  after: number;
  during: number;
  discrepancy: boolean;
  keyClaims: number;
  conditions: number;
  seed: number;
  /** How many actors and people (from the first) have names in their own scripts. */
  native: number;
  /** Leave the optional sections that are empty out of the dataset, rather than writing them as []. */
  omitEmpty: boolean;
}

export const meetingShape: fc.Arbitrary<MeetingShape> = fc.record({
  actors: fc.oneof(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 60 })),
  questions: fc.oneof(fc.integer({ min: QUESTIONS_MIN, max: 4 }), fc.integer({ min: QUESTIONS_MIN, max: 12 })),
  noPositions: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  days: fc.integer({ min: 1, max: 4 }),
  sources: fc.integer({ min: 1, max: 25 }),
  urlLength: fc.integer({ min: 20, max: 200 }),
  // size 'max': fast-check's default size keeps arrays to about ten items, whatever maxLength says.
  quotes: fc.oneof(
    fc.array(fc.integer({ min: 0, max: QUOTES.length - 1 }), { maxLength: 6 }),
    fc.array(fc.integer({ min: 0, max: QUOTES.length - 1 }), { maxLength: 40, size: 'max' }),
  ),
  claims: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 80 })),
  openQuestions: fc.integer({ min: 0, max: 5 }),
  before: fc.integer({ min: 0, max: 3 }),
  after: fc.integer({ min: 0, max: 6 }),
  during: fc.integer({ min: 0, max: 4 }),
  discrepancy: fc.boolean(),
  keyClaims: fc.integer({ min: 0, max: 8 }),
  conditions: fc.integer({ min: 0, max: 100 }),
  seed: fc.integer({ min: 0, max: 2 ** 30 }),
  native: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
  omitEmpty: fc.boolean(),
});

/** A small deterministic random source, so one shape always gives one dataset. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A dataset (as a plain object, ready for YAML) of the given shape. */
export function meetingOf(s: MeetingShape): Record<string, unknown> {
  const r = rng(s.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const some = (n: number) =>
    Array.from(
      { length: Math.max(1, Math.min(n, 1 + Math.floor(r() * 3))) },
      () => `s${1 + Math.floor(r() * n)}`,
    ).filter((v, i, a) => a.indexOf(v) === i);
  const cite = () => some(s.sources);
  const first = '2025-04-10';
  const last = `2025-04-${String(9 + s.days).padStart(2, '0')}`;
  const sources = Array.from({ length: s.sources }, (_, i) => ({
    id: `s${i + 1}`,
    file: `s${i + 1}.txt`,
    title: `Report ${i + 1} on the ${words(3)} talks`,
    kind: pick(['news_report', 'wire_report', 'official_statement', 'analysis']),
    date: first,
    url: `https://www.example-news-service.org/world/2025/04/${Array.from({ length: 30 }, () => pick(WORDS))
      .join('-')
      .slice(0, s.urlLength)}-${i + 1}?ref=brief&id=${i + 1}`,
  }));
  const actors = Array.from({ length: s.actors }, (_, i) => {
    // Named apart (up to 60: the plain name, then Minor, then Major): two actors named alike get a warning.
    const place = `${PLACES[i % PLACES.length]}${['', ' Minor', ' Major'][Math.floor(i / PLACES.length)]}`;
    const native = i < s.native && i % 7 !== 6 ? NATIVE[i % NATIVE.length]! : undefined;
    return {
      id: `a${i + 1}`,
      name: `${pick(FORMS)} ${place} and the ${pick(PLACES)} Isles`,
      ...(native ? { native_name: native.actor, native_lang: native.lang } : {}),
      short_name: place,
      name_in_sentence: place,
      kind: i % 7 === 6 ? 'organisation' : 'state',
      role: i === 0 ? 'host' : 'participant',
    };
  });
  const people = actors.map((a, i) => {
    const native = i < s.native ? NATIVE[(i * 3) % NATIVE.length]! : undefined;
    return {
      id: `p${i + 1}`,
      name: `Minister ${PLACES[(i * 7) % PLACES.length]}son ${i + 1}`,
      ...(native ? { native_name: native.person, native_lang: native.lang } : {}),
      role: 'Minister of Foreign Affairs',
      actor: a.id,
      attended: true,
      sources: cite(),
    };
  });
  const quotes = s.quotes.map((q, i) => {
    const base = QUOTES[q]!;
    return {
      id: `q${i + 1}`,
      speaker: `p${1 + (i % people.length)}`,
      text: base.text,
      ...(base.lang
        ? { lang: base.lang, translation: `We will keep working for peace, kq${i + 1}`, translation_by: 'curator' }
        : {}),
      context: `At the press conference, kqc${i + 1}.`,
      sources: cite(),
    };
  });
  const dimensions = Array.from({ length: s.questions }, (_, i) => ({
    id: `d${i + 1}`,
    label: `Question ${i + 1} on ${words(2)}`,
    short_label: `Q${i + 1} ${pick(WORDS)}`,
    question: `Does the actor back the ${words(2)} plan number ${i + 1}?`,
    categories: pick(CATEGORY_SETS),
  }));
  let conditions = s.conditions;
  const positions =
    s.noPositions || s.questions === 0
      ? []
      : actors
          .map((a, ai) => ({
            actor: a.id,
            ...(quotes[ai] && ai % 2 === 0 ? { key_quote: quotes.find((q) => q.speaker === `p${ai + 1}`)?.id } : {}),
            stances: Object.fromEntries(
              dimensions.map((d) => {
                const value = pick(d.categories);
                if (value === 'not_stated' || value === 'not_applicable') return [d.id, { value }];
                const condition =
                  conditions-- > 0 && r() < 0.3
                    ? { condition: `Only if the ${words(2)} terms are met, kc${ai}x${d.id}.` }
                    : {};
                return [d.id, { value, ...condition, sources: cite() }];
              }),
            ),
          }))
          .map((p) => (p.key_quote ? p : { actor: p.actor, stances: p.stances }));
  const claims = Array.from({ length: s.claims }, (_, i) => ({
    id: `c${i + 1}`,
    kind: 'fact',
    topic: i < s.keyClaims ? 'meeting' : pick(TOPICS),
    ...(i < s.keyClaims ? { key: true } : {}),
    text: `Claim kc${i + 1}: the ministers discussed ${words(4 + Math.floor(r() * 14))}.`,
    sources: cite(),
  }));
  const event = (rel: string, i: number, when: string) => ({
    id: `e-${rel}-${i}`,
    name: `The ${words(2)} session ke${rel}${i}`,
    when,
    relation: rel,
    summary: `A session on ${words(5)}.`,
    sources: cite(),
  });
  const events = [
    ...Array.from({ length: s.before }, (_, i) => event('preceding', i, pick(WHEN_BEFORE))),
    ...Array.from({ length: s.during }, (_, i) => event('during', i, i % 2 ? first : last)),
    ...Array.from({ length: s.after }, (_, i) => event('following', i, pick(WHEN_AFTER))),
  ];
  const data: Record<string, unknown> = {
    schema_version: 2,
    brief: {
      title: `Ministers on ${words(3)} (generated)`,
      to: 'Director, Generated Meetings',
      from: 'Property tests',
      as_of: last,
      author: 'Brief property tests',
      language: 'en-GB',
      summary: claims
        .slice(0, Math.max(1, Math.min(4, s.keyClaims)))
        .map((c) => ({ text: `In short: ${c.text}`, claims: [c.id] })),
    },
    meeting: {
      name: `Generated ${words(2)} meeting`,
      fictional: true,
      date: s.days > 1 ? `${first}/${last}` : first,
      place: { city: 'Aldoria City' },
      format: 'Ministerial meeting',
      level: 'foreign_ministers',
      hosts: [actors[0]!.id],
      participants: { value: s.actors, qualifier: 'exact', unit: 'delegations', sources: cite() },
      purpose: `The ministers met to discuss ${words(4)}.`,
      sources: cite(),
    },
    sources,
    actors,
    people,
    dimensions,
    positions,
    quotes,
    claims,
    open_questions: Array.from({ length: s.openQuestions }, (_, i) => ({
      id: `o${i + 1}`,
      topic: `Topic ko${i + 1}`,
      question: `Who will lead the ${words(2)} effort, ko${i + 1}?`,
      detail: `The reports leave it open (${words(3)}).`,
      sources: cite(),
    })),
    events,
  };
  if (s.discrepancy && s.sources > 1) {
    data.discrepancies = [
      {
        id: 'x1',
        topic: 'How long the talks lasted',
        kind: 'count',
        variants: [
          { value: 'About two hours kx1', sources: ['s1'] },
          { value: 'Ninety minutes kx2', sources: ['s2'] },
        ],
        resolution: 'The reports differ; kx3.',
        status: 'unresolved',
      },
    ];
  }
  // Optional sections (the schema requires positions and quotes to be there, even empty).
  if (s.omitEmpty)
    for (const k of ['open_questions', 'events', 'dimensions', 'positions'])
      if ((data[k] as unknown[]).length === 0) delete data[k];
  return data;
}

/** The dataset as YAML text. */
export function meetingYaml(s: MeetingShape): string {
  return `# Generated by test/support/meetings.ts from ${JSON.stringify(s)}\n${stringify(meetingOf(s), { lineWidth: 0 })}`;
}
