/** The head of a document: its title, past session and agenda lines (cover.ts, headTitle). */
import { expect, test } from "vitest";
import { headTitle, splitCover } from "../../pipeline/ingest/cover.ts";

test.each([
  // a report: the last line of the head before the body
  {
    head: [
      "Ninety-ninth session",
      "Item 93 of the provisional agenda*",
      "Developments in the field",
      "Report of the working group",
      "I. Introduction",
    ],
    title: "Report of the working group",
  },
  // a draft resolution in raw text: session, committee and agenda lines are not the title
  {
    head: [
      "Fifty-sixth session",
      "Third Committee",
      "Agenda item 119 (b)",
      "South Africa:* draft resolution",
      "The right to development",
      "The General Assembly,",
    ],
    title: "The right to development",
  },
  // a resolution as adopted: its numbered title line wins
  {
    head: [
      "Resolution adopted by the General Assembly on 1 December 2031",
      "99/16. Open-ended working group on testing",
      "The General Assembly,",
    ],
    title: "Open-ended working group on testing",
  },
  // Chinese: session and agenda lines, then the title
  {
    head: ["第九十九届会议", "临时议程* 项目 93", "编号段落问题工作组的报告", "一. 导言"],
    title: "编号段落问题工作组的报告",
  },
  // a text that starts with its body has no head, so no title
  { head: ["1. The working group met."], title: undefined },
])("headTitle: $title", ({ head, title }) => {
  expect(headTitle(head)?.title).toBe(title);
});

test("the cover's organ, date, symbol and original language are read, in English and in Chinese", () => {
  expect(
    splitCover([
      "联合国   A/99/300",
      "大 会   Distr.: General",
      "2031 年 8 月 14 日",
      "Original: 英文",
      "第九十九届会议",
    ]).cover,
  ).toMatchObject({
    organ: "General Assembly",
    symbol: "A/99/300",
    date: "2031-08-14",
    original: "英文",
  });
  expect(
    splitCover(["Security Council Distr.: General", "3 May 2031", "S/2031/12", "Text"]).cover,
  ).toMatchObject({
    organ: "Security Council",
    symbol: "S/2031/12",
  });
});
