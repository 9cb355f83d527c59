/** Authors of papers (pipeline/parse/authors.ts): States by ISO code, groups by codes of their own. */
import { describe, expect, test } from "vitest";
import { authorOf, GROUPS, groupByName } from "../../pipeline/parse/authors.ts";
import { stateByCode } from "../../pipeline/parse/states.ts";

describe("an author code names one author", () => {
  test.each(GROUPS.map((g) => g.code))("the group code %s is no State's ISO code", (code) => {
    expect(stateByCode(code)).toBeFalsy();
    expect(authorOf(code)?.kind).toBe("group");
  });

  test("AU is Australia; the African Union has a code of its own", () => {
    expect(authorOf("AU")).toMatchObject({ code: "AU", kind: "state", name: { en: "Australia" } });
    expect(groupByName("African Union")).toBe("AFRICAN-UNION");
    expect(groupByName("非盟")).toBe("AFRICAN-UNION");
  });
});
