/// The report's one stylesheet, inline: A4 pages with a page break before every section after
/// the first, table headers repeated on every page, rows and charts never split, and the colours
/// printed as shown (each colour also has words, so a black-and-white print still reads).
enum HTMLStyle {
    static let css = """
        @page { size: A4; margin: 16mm 14mm 18mm 14mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; background: #f2f2f2; color: #1d1d1d;
               font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
        main { max-width: 210mm; margin: 0 auto; background: #fff; padding: 14mm; }
        section.page + section.page { break-before: page; margin-top: 12mm; }
        header { border-bottom: 3px solid #1f5fa8; margin-bottom: 5mm; padding-bottom: 3mm; }
        h1 { font-size: 18pt; margin: 1mm 0 2mm; color: #123d6e; }
        h2 { font-size: 13.5pt; margin: 6mm 0 2.5mm; color: #123d6e; break-after: avoid; }
        h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
        p { margin: 1.5mm 0; }
        .office { font-weight: bold; font-size: 11.5pt; margin: 0; }
        .period { font-size: 11.5pt; margin: 0 0 2mm; }
        .note { color: #555; font-size: 9pt; }
        dl.sheet { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 2mm 0; font-size: 9.5pt; }
        dl.sheet dt { font-weight: bold; }
        dl.sheet dd { margin: 0; }
        table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: 9.5pt; }
        thead { display: table-header-group; }
        tr, td, th, figure, svg, dl, li, .pair { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 1px solid #b9b9b9; padding: 1mm 1.6mm; text-align: left; vertical-align: top;
                 overflow-wrap: break-word; }
        th { background: #e8eef6; font-weight: bold; }
        td.figure, td.date { text-align: right; white-space: nowrap; }
        td.code, .due { white-space: nowrap; }
        .due { font-weight: normal; }
        table.summary td.indicator { width: 36mm; }
        td.number { white-space: nowrap; font-weight: bold; }
        .value { font-size: 13pt; }
        .verdict { display: inline-block; padding: 0.4mm 2mm; border-radius: 2mm; font-weight: bold; }
        .verdict.met { background: #d7efd8; color: #1b5e20; }
        .verdict.not-met { background: #fbd5d2; color: #8e1b12; }
        .verdict.no-target { background: #ececec; color: #444; }
        .verdict.not-computable { background: #fff0c7; color: #6b4b00; font-weight: normal; }
        .mutu { font-size: 9pt; }
        figure { margin: 2mm 0; }
        figcaption { font-size: 8.5pt; color: #555; }
        svg.chart { display: block; width: 100%; height: auto; max-width: 180mm; }
        td.lowest { color: #c62828; font-weight: bold; }
        td.priority { color: #b86e00; font-weight: bold; }
        table.trend td.current { font-weight: bold; }
        table.matrix td.doc { font-size: 8.5pt; }
        .doc.on-time { background: #d7efd8; }
        .doc.late { background: #ffe2b0; }
        .doc.missing { background: #f7c6c2; }
        .doc.not-yet-due { background: #ffffff; color: #444; }
        .doc.not-expected { background: #ededed; color: #666; }
        .doc .status { font-weight: bold; text-transform: uppercase; font-size: 7.5pt; letter-spacing: 0.02em; }
        .doc .reference { color: #555; }
        .legend .key { display: inline-block; padding: 0.3mm 2mm; margin-right: 1.5mm; border: 1px solid #b9b9b9; font-size: 8.5pt; }
        .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
        footer.rules { margin-top: 8mm; border-top: 2px solid #1f5fa8; padding-top: 2mm; font-size: 8.8pt; }
        footer.rules ul { padding-left: 5mm; margin: 1mm 0; }
        @media print {
          body { background: #fff; }
          main { max-width: none; padding: 0; }
          section.page + section.page { margin-top: 0; }
        }
        """
}
