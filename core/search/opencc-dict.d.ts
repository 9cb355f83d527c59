/** OpenCC's character table ships as an ES module exporting one string: "繁 简|..." pairs. */
declare module "opencc-js/dict/TSCharacters" {
  const table: string;
  export default table;
}
