/**
 * States in submitter lines: UN Chinese short and long forms, English lists, names that contain
 * the list's own separators (共和国 holds 和, "Trinidad and Tobago" holds "and"), and what no State
 * matches. The property tests build lists from the States table itself and read them back.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { UN_STATES_EN, UN_STATES_ZH } from "../../core/data/state-names.ts";
import { allStates, matchStateList, parseSubmitter, stateByCode } from "../../pipeline/parse/states.ts";

const codes = (line: string) => parseSubmitter(line).states.map((s) => s.code);

describe("one name -> one State", () => {
  test.each([
    // UN Chinese forms the brief names, short and long, are one State each.
    { name: "大韩民国", code: "KR" },
    { name: "韩国", code: "KR" },
    { name: "朝鲜", code: "KP" },
    { name: "朝鲜民主主义人民共和国", code: "KP" },
    { name: "叙利亚", code: "SY" },
    { name: "阿拉伯叙利亚共和国", code: "SY" },
    { name: "委内瑞拉", code: "VE" },
    { name: "委内瑞拉玻利瓦尔共和国", code: "VE" },
    { name: "伊朗伊斯兰共和国", code: "IR" },
    { name: "俄罗斯联邦", code: "RU" },
    { name: "联合王国", code: "GB" },
    { name: "大不列颠及北爱尔兰联合王国", code: "GB" },
    { name: "摩尔多瓦共和国", code: "MD" },
    { name: "北马其顿共和国", code: "MK" },
    { name: "捷克共和国", code: "CZ" },
    { name: "坦桑尼亚", code: "TZ" },
    { name: "玻利维亚", code: "BO" },
    { name: "玻利维亚（多民族国）", code: "BO" }, // full-width brackets read as ASCII ones
    { name: "白俄罗斯共和国", code: "BY" },
    { name: "古巴共和国", code: "CU" },
    { name: "尼加拉瓜共和国", code: "NI" },
    { name: "塞浦路斯共和国", code: "CY" },
    { name: "阿拉伯联合酋长国", code: "AE" },
    { name: "刚果", code: "CG" }, // the UN's 刚果 is the Republic of the Congo
    { name: "刚果民主共和国", code: "CD" },
    { name: "南苏丹", code: "SS" }, // longest first: not 南 + 苏丹
    { name: "几内亚比绍", code: "GW" },
    // English: UN forms and i18n-iso-countries' spellings, any case.
    { name: "Republic of Korea", code: "KR" },
    { name: "Venezuela (Bolivarian Republic of)", code: "VE" },
    { name: "Iran (Islamic Republic of)", code: "IR" },
    { name: "United Kingdom of Great Britain and Northern Ireland", code: "GB" },
    { name: "the Netherlands", code: "NL" },
    { name: "Czech Republic", code: "CZ" },
    { name: "Côte d’Ivoire", code: "CI" }, // typographic apostrophe
    { name: "Congo", code: "CG" },
    { name: "Nigeria", code: "NG" }, // not Niger + "ia"
    { name: "Holy See", code: "VA" },
  ])("$name -> $code", ({ name, code }) => {
    const r = matchStateList(name);
    expect(r.unmatched).toEqual([]);
    expect(r.states.map((s) => [s.code, s.printed])).toEqual([[code, name]]);
  });
});

describe("submitter lines", () => {
  test.each([
    // A single State.
    { line: "印度", expected: ["IN"], joint: false },
    { line: "委内瑞拉玻利瓦尔共和国", expected: ["VE"], joint: false },
    // 多国 with a list in brackets, separated by 、.
    { line: "多国(澳大利亚、哥伦比亚、萨尔瓦多、爱沙尼亚)", expected: ["AU", "CO", "SV", "EE"], joint: true },
    // A final 和 joins the last two.
    { line: "多国(加拿大和瑞士)", expected: ["CA", "CH"], joint: true },
    // 多国 alone: several States, none named.
    { line: "多国", expected: [], joint: true },
    // 共和国 holds 和: never split inside a name; the final 和 still splits.
    {
      line: "多国(白俄罗斯共和国、古巴共和国、伊朗伊斯兰共和国、尼加拉瓜共和国、俄罗斯联邦、阿拉伯叙利亚共和国和委内瑞拉玻利瓦尔共和国)",
      expected: ["BY", "CU", "IR", "NI", "RU", "SY", "VE"],
      joint: true,
    },
    { line: "塞浦路斯共和国和捷克共和国", expected: ["CY", "CZ"], joint: true },
    // A name holding 和 itself, then a final 和.
    { line: "多国(圣多美和普林西比和特立尼达和多巴哥)", expected: ["ST", "TT"], joint: true },
    // Full-width brackets around the list.
    { line: "多国（日本、大韩民国）", expected: ["JP", "KR"], joint: true },
    // English lists.
    { line: "Multiple States (Australia, Colombia and Estonia)", expected: ["AU", "CO", "EE"], joint: true },
    { line: "Canada and Switzerland", expected: ["CA", "CH"], joint: true },
    { line: "Trinidad and Tobago and Niger", expected: ["TT", "NE"], joint: true },
    {
      line: "Multiple States (Venezuela (Bolivarian Republic of), Cuba and Iran (Islamic Republic of))",
      expected: ["VE", "CU", "IR"],
      joint: true,
    },
    { line: "Russian Federation", expected: ["RU"], joint: false },
    // A State named twice counts once.
    { line: "委内瑞拉、委内瑞拉玻利瓦尔共和国", expected: ["VE"], joint: false },
  ])("$line", ({ line, expected, joint }) => {
    const r = parseSubmitter(line);
    expect(r.unmatched).toEqual([]);
    expect(codes(line)).toEqual(expected);
    expect(r.joint).toBe(joint);
  });

  test.each([
    // An organisation is no State: kept as printed, with its offset in the line.
    {
      line: "多国(欧洲联盟和加拿大)",
      states: ["CA"],
      unmatched: [{ name: "欧洲联盟", offset: 3 }],
    },
    // An unknown name holding 共和国 is kept whole up to the separator.
    {
      line: "多国(某某共和国和瑞士)",
      states: ["CH"],
      unmatched: [{ name: "某某共和国", offset: 3 }],
    },
    {
      line: "Multiple States (Narnia, Chile and Atlantis)",
      states: ["CL"],
      unmatched: [
        { name: "Narnia", offset: 17 },
        { name: "Atlantis", offset: 35 },
      ],
    },
    // Text around a name that is not a State name.
    { line: "东南亚国家联盟", states: [], unmatched: [{ name: "东南亚国家联盟", offset: 0 }] },
  ])("$line keeps what matches no State", ({ line, states, unmatched }) => {
    const r = parseSubmitter(line);
    expect(r.states.map((s) => s.code)).toEqual(states);
    expect(r.unmatched).toEqual(unmatched);
    for (const u of r.unmatched) expect(line.slice(u.offset, u.offset + u.name.length)).toBe(u.name);
  });
});

describe("the States table", () => {
  test("holds the 193 Member States and the two observer States, each with zh and en names", () => {
    const all = allStates();
    expect(all).toHaveLength(195);
    for (const s of all) {
      expect(s.code).toMatch(/^[A-Z]{2}$/);
      expect(s.name.zh).toMatch(/\p{Script=Han}/u);
      expect(s.name.en).toMatch(/^[A-Z]/);
    }
    expect(Object.keys(UN_STATES_EN).every((c) => c in UN_STATES_ZH)).toBe(true);
  });

  test.each([
    { code: "VE", zh: "委内瑞拉玻利瓦尔共和国", en: "Venezuela (Bolivarian Republic of)" },
    { code: "KR", zh: "大韩民国", en: "Republic of Korea" },
    { code: "GB", zh: "联合王国", en: "United Kingdom" },
    { code: "CN", zh: "中国", en: "China" },
    { code: "AU", zh: "澳大利亚", en: "Australia" }, // en from i18n-iso-countries
  ])("$code shows as $zh / $en", ({ code, zh, en }) => {
    expect(stateByCode(code)?.name).toEqual({ zh, en });
  });

  test("territories that are no UN State are not States here", () => {
    for (const name of ["香港", "中国台湾省", "Kosovo", "Greenland"]) {
      expect(matchStateList(name).states).toEqual([]);
    }
  });

  test("every name of the table reads back as its own State", () => {
    for (const [code, names] of Object.entries({ ...UN_STATES_ZH })) {
      for (const name of [...names, ...(UN_STATES_EN[code] ?? [])]) {
        expect(
          matchStateList(name).states.map((s) => s.code),
          name,
        ).toEqual([code]);
      }
    }
  });
});

describe("lists built from the table read back as the States they name (property)", () => {
  const states = allStates();
  const pick = fc.uniqueArray(fc.constantFrom(...states), {
    minLength: 1,
    maxLength: 12,
    selector: (s) => s.code,
  });

  test("Chinese: 多国(A、B…和Z), any Chinese form of each State", () => {
    fc.assert(
      fc.property(pick, fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), (list, forms) => {
        const names = list.map((s, i) => {
          const all = UN_STATES_ZH[s.code]!;
          return all[forms[i]! % all.length]!;
        });
        const joined = names.length > 1 ? `${names.slice(0, -1).join("、")}和${names.at(-1)}` : names[0];
        const r = parseSubmitter(`多国(${joined})`);
        expect(r.unmatched).toEqual([]);
        expect(r.states.map((s) => s.code)).toEqual(list.map((s) => s.code));
        expect(r.states.map((s) => s.printed)).toEqual(names);
      }),
    );
  });

  test("English: Multiple States (A, B, … and Z)", () => {
    fc.assert(
      fc.property(pick, (list) => {
        const names = list.map((s) => s.name.en);
        const joined = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
        const r = parseSubmitter(`Multiple States (${joined})`);
        expect(r.unmatched).toEqual([]);
        expect(r.states.map((s) => s.code)).toEqual(list.map((s) => s.code));
      }),
    );
  });
});
