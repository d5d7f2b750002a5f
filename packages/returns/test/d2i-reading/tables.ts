/**
 * Our reading of the D2I validator's ingress, written apart from the package's parser: a CIN
 * census XML file becomes the flat tables D2I's rules read (Header, ChildIdentifiers,
 * Disabilities, CINdetails, Section47), one row per element, each row carrying its child's
 * LAchildID and a CINdetailsID counted from 1 within the child. Values are the element text as it
 * stands (not trimmed), null for an absent or empty element; a direct child element only, as
 * ElementTree's `find` sees it. Test code only: the oracle of `oracle.ts` reads these tables.
 */
import { SaxesParser } from 'saxes';

/** One element: its name, its own text and its child elements. */
interface El {
  name: string;
  text: string;
  kids: El[];
}

export type Row = Record<string, string | null>;

export interface D2iTables {
  Header: Row;
  ChildIdentifiers: Row[];
  Disabilities: Row[];
  CINdetails: Row[];
  Section47: Row[];
}

const IDENTIFIER_FIELDS = ['LAchildID', 'PersonBirthDate', 'ExpectedPersonBirthDate', 'GenderCurrent', 'Sex'];
const CIN_FIELDS = ['CINreferralDate', 'CINclosureDate', 'DateOfInitialCPC', 'ReferralNFA'];
const S47_FIELDS = ['S47ActualStartDate', 'DateOfInitialCPC', 'ICPCnotRequired'];

function parseTree(xml: string): El {
  const parser = new SaxesParser();
  const root: El = { name: '#root', text: '', kids: [] };
  const stack: El[] = [root];
  parser.on('opentag', (t) => {
    const el: El = { name: t.name, text: '', kids: [] };
    stack[stack.length - 1]!.kids.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1]!;
    // ElementTree's .text is the text before the first child element.
    if (top.kids.length === 0) top.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).close();
  return root;
}

const find = (el: El | undefined, name: string): El | undefined => el?.kids.find((k) => k.name === name);
const findAll = (el: El | undefined, name: string): El[] => el?.kids.filter((k) => k.name === name) ?? [];
const textOf = (el: El | undefined): string | null => (el && el.text !== '' ? el.text : null);

function values(el: El | undefined, fields: string[], row: Row): Row {
  for (const f of fields) row[f] = textOf(find(el, f));
  return row;
}

/** Reads the five tables from census XML text. */
export function readD2iTables(xml: string): D2iTables {
  const message = find(parseTree(xml), 'Message');
  const header = find(message, 'Header');
  const t: D2iTables = {
    Header: values(find(header, 'CollectionDetails'), ['Year', 'ReferenceDate'], {}),
    ChildIdentifiers: [],
    Disabilities: [],
    CINdetails: [],
    Section47: [],
  };
  for (const child of findAll(find(message, 'Children'), 'Child')) {
    const ids = values(find(child, 'ChildIdentifiers'), IDENTIFIER_FIELDS, {});
    const id = ids.LAchildID ?? null;
    t.ChildIdentifiers.push(ids);
    const disabilities = find(find(child, 'ChildCharacteristics'), 'Disabilities');
    // Every element inside <Disabilities> is a row, whatever its name.
    for (const d of disabilities?.kids ?? []) t.Disabilities.push({ LAchildID: id, Disability: textOf(d) });
    let cinId = 0;
    for (const cin of findAll(child, 'CINdetails')) {
      cinId += 1;
      t.CINdetails.push(values(cin, CIN_FIELDS, { LAchildID: id, CINdetailsID: String(cinId) }));
      for (const s of findAll(cin, 'Section47'))
        t.Section47.push(values(s, S47_FIELDS, { LAchildID: id, CINdetailsID: String(cinId) }));
    }
  }
  return t;
}
