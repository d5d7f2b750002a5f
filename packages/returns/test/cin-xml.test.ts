import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CinCensusReader, CinParseError, parseCinXml, parseCinXmlFile } from '../src/cin/parse-xml.ts';
import { schemaPath } from '../src/cin/schema.ts';
import { censusFromInput } from '../src/cin/scope.ts';
import { writeCinXml } from '../src/cin/write-xml.ts';
import { generateInput } from '../src/generate/generate.ts';
import type { ReturnsInput } from '../src/model/types.ts';
import { COLLECTION_YEARS } from '../src/years.ts';
import { baseCensus } from './rules/harness.ts';
import { validateXsd } from '../src/cin/xsd.ts';
import { SHARED_XSD, hasSharedXsd } from './shared-xsd.ts';

describe('CIN census XML build', () => {
  for (const year of COLLECTION_YEARS) {
    it(`writes ${year} XML that the year's schema accepts`, async () => {
      const xml = writeCinXml(
        censusFromInput(generateInput({ children: 150, seed: 11, year }), year, '2026-04-01T09:00:00'),
        year,
      );
      const res = await validateXsd(xml, schemaPath(year));
      expect(res.errors).toEqual([]);
      expect(res.valid).toBe(true);
    });
  }

  it.skipIf(!hasSharedXsd)(
    'writes 2023/24 XML that the DfE 2024 XSD in the shared specification accepts',
    async () => {
      const xml = writeCinXml(
        censusFromInput(generateInput({ children: 150, seed: 12, year: '2023-24' }), '2023-24'),
        '2023-24',
      );
      expect((await validateXsd(xml, SHARED_XSD)).valid).toBe(true);
    },
  );

  it('writes GenderCurrent up to 2023/24, Sex from 2024/25, pre-proceedings from 2025/26', async () => {
    const input: ReturnsInput = { laCode: '201', children: baseCensus('2025-26').children };
    input.children[0]!.cinEpisodes[1]!.preProceedings = [
      {
        startDate: '2025-09-01',
        letterBeforeProceedingsSentDate: '2025-09-10',
        fgdmMeetingOffered: true,
        reviewMeetingsCount: 2,
        outcome: 'A',
      },
    ];
    const y2324 = writeCinXml(
      censusFromInput({ ...input, children: baseCensus('2023-24').children }, '2023-24'),
      '2023-24',
    );
    expect(y2324).toContain('<GenderCurrent>2</GenderCurrent>');
    expect(y2324).not.toContain('<Sex>');
    const y2425 = writeCinXml(censusFromInput(input, '2024-25'), '2024-25');
    expect(y2425).not.toContain('<GenderCurrent>');
    const y2526 = writeCinXml(censusFromInput(input, '2025-26'), '2025-26');
    expect(y2526).toContain('<Sex>F</Sex>');
    expect(y2526).toContain('<PreProceedingsandFGDM>');
    expect(y2526).toContain('<LBPSentDate>2025-09-10</LBPSentDate>');
    expect((await validateXsd(y2526, '2025-26')).valid).toBe(true);
    // the DfE 2024 XSD (the package's copy is byte-for-byte the same) knows neither Sex nor pre-proceedings
    expect((await validateXsd(y2526, '2023-24')).valid).toBe(false);
  });

  it('puts only episodes open in the year in the census, as at the reference date', () => {
    const input: ReturnsInput = {
      laCode: '201',
      children: [
        {
          laChildId: 'OLD',
          birthDate: '2015-01-01',
          sex: 'M',
          ethnicity: 'WBRI',
          cinEpisodes: [
            {
              referralDate: '2023-01-01',
              referralSource: '1A',
              referralNfa: true,
              closureDate: '2023-01-01',
              closureReason: 'RC7',
            },
          ],
        },
        {
          laChildId: 'LIVE',
          birthDate: '2015-01-01',
          sex: 'M',
          ethnicity: 'WBRI',
          cinEpisodes: [
            {
              referralDate: '2026-02-01',
              referralSource: '1A',
              referralNfa: false,
              primaryNeedCode: 'N1',
              closureDate: '2026-05-01',
              closureReason: 'RC7',
              cinPlans: [{ startDate: '2026-04-10' }],
            },
          ],
        },
      ],
    };
    const census = censusFromInput(input, '2025-26');
    expect(census.children.map((c) => c.laChildId)).toEqual(['LIVE']);
    const ep = census.children[0]!.cinEpisodes[0]!;
    expect(ep.closureDate).toBeNull();
    expect(ep.closureReason).toBeNull();
    expect(ep.cinPlans).toEqual([]);
  });
});

describe('CIN census XML parse', () => {
  for (const year of COLLECTION_YEARS) {
    it(`round-trips: writing what was parsed gives the same ${year} XML`, () => {
      const input = generateInput({ children: 200, seed: 21, year });
      input.children[0]!.cinEpisodes[0]!.preProceedings = [
        { startDate: '2025-06-01', fgdmMeetingOffered: false, reviewMeetingsCount: 0 },
      ];
      const xml = writeCinXml(censusFromInput(input, year, '2026-04-01T09:00:00'), year);
      expect(writeCinXml(parseCinXml(xml), year)).toBe(xml);
    });
  }

  it('reads back what was written', () => {
    const census = baseCensus('2025-26');
    const back = parseCinXml(writeCinXml(census, '2025-26'));
    expect(back.header.referenceDate).toBe('2026-03-31');
    expect(back.header.lea).toBe('201');
    const c = back.children[0]!;
    expect(c.laChildId).toBe('CHILD1');
    expect(c.sex).toBe('F');
    expect(c.cinEpisodes).toHaveLength(2);
    const ep = c.cinEpisodes[1]!;
    expect(ep.referralNfa).toBe(false);
    expect(ep.assessments![0]!.factors).toEqual(['3A', '16A']);
    expect(ep.childProtectionPlans![0]!.reviews).toEqual(
      census.children[0]!.cinEpisodes[1]!.childProtectionPlans![0]!.reviews,
    );
    expect(ep.section47s![0]!.icpcNotRequired).toBe(false);
  });

  it('reads the same census from small chunks and from a file with a byte-order mark', async () => {
    const xml = writeCinXml(baseCensus('2025-26'), '2025-26');
    const reader = new CinCensusReader();
    for (let i = 0; i < xml.length; i += 7) reader.write(xml.slice(i, i + 7));
    const whole = parseCinXml(xml);
    expect(reader.end()).toEqual(whole);
    const file = join(mkdtempSync(join(tmpdir(), 'returns-parse-')), 'census.xml');
    writeFileSync(file, `\ufeff${xml}`);
    expect(await parseCinXmlFile(file)).toEqual(whole);
  });

  it('reads other systems’ spellings and keeps wrong values for the validator', () => {
    const xml = `<?xml version="1.0"?><Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails><Source><LEA>201</LEA></Source></Header>
<Children><Child><ChildIdentifiers><LAchildID>A1</LAchildID><PersonBirthDate>2010-01-01</PersonBirthDate><GenderCurrent>1</GenderCurrent></ChildIdentifiers>
<ChildCharacteristics><Ethnicity>XXXX</Ethnicity><Disabilities><Disability>MOB</Disability></Disabilities></ChildCharacteristics>
<CINdetails><CINreferralDate>2023-05-01</CINreferralDate><ReferralSource>1A</ReferralSource><ReferralNFA>TRUE</ReferralNFA>
<ChildProtectionPlans><CPPstartDate>2023-06-01</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse><NumberOfPreviousCPP>1</NumberOfPreviousCPP><Reviews><CPPreviewDate/></Reviews></ChildProtectionPlans>
<Section47><S47ActualStartDate>2023-05-02</S47ActualStartDate><ICPCnotRequired>maybe</ICPCnotRequired></Section47></CINdetails></Child></Children></Message>`;
    const c = parseCinXml(xml).children[0]!;
    expect(c.genderCurrent).toBe('1');
    expect(c.sex).toBeNull();
    expect(c.ethnicity).toBe('XXXX');
    expect(c.cinEpisodes[0]!.referralNfa).toBe(true);
    expect(c.cinEpisodes[0]!.section47s![0]!.icpcNotRequired).toBe('maybe');
    expect(c.cinEpisodes[0]!.childProtectionPlans![0]!.reviews).toEqual([null]);
  });

  it.each([
    ['', 'the file is empty'],
    ['{"children": []}', 'not well-formed XML'],
    ['<Message><Children>', 'not well-formed XML at line 1'],
    ['<Census><Children/></Census>', 'root element is <Census>, expected <Message>'],
    ['<Message><Header/></Message>', 'no <Children> element'],
  ])('rejects %j clearly', (xml, message) => {
    expect(() => parseCinXml(xml)).toThrow(CinParseError);
    expect(() => parseCinXml(xml)).toThrow(message);
  });
});
