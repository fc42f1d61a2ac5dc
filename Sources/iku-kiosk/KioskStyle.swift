/// The kiosk's one stylesheet, served at `/style.css` (the pages' Content-Security-Policy allows
/// no inline style): large touch targets for a tablet or a phone, and a clean printout.
enum KioskStyle {
    static let css = """
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: #eef2f7; color: #1d1d1d;
               font: 18px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
        main { max-width: 52rem; margin: 0 auto; background: #fff; padding: 1.2rem 1.2rem 2rem; min-height: 100vh; }
        header { border-bottom: 4px solid #1f5fa8; margin-bottom: 1rem; padding-bottom: 0.6rem; }
        .office { font-weight: bold; margin: 0; color: #123d6e; text-transform: uppercase; letter-spacing: 0.03em; }
        h1 { font-size: 1.6rem; margin: 0.2rem 0 0.4rem; color: #123d6e; }
        h3 { font-size: 1.1rem; margin: 1rem 0 0.4rem; }
        .lead { margin: 0; color: #333; }
        fieldset { border: 1px solid #c9d3e0; border-radius: 10px; margin: 0 0 1rem; padding: 0.6rem 0.9rem 0.9rem; }
        legend { float: left; width: 100%; font-weight: bold; padding: 0; margin: 0.2rem 0 0.3rem; }
        legend + * { clear: both; }
        legend .number { display: inline-block; min-width: 1.8em; padding: 0.05em 0.4em; border-radius: 1em;
                         background: #1f5fa8; color: #fff; text-align: center; }
        .options { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.6rem; margin-top: 0.5rem; }
        label.option { position: relative; display: flex; cursor: pointer; }
        label.option input { position: absolute; left: 0.9rem; top: 50%; width: 1.5rem; height: 1.5rem;
                             margin: -0.75rem 0 0; accent-color: #1f5fa8; }
        label.option span { flex: 1; display: flex; align-items: center; min-height: 3.6rem; padding: 0.6rem 0.8rem 0.6rem 3rem;
                            border: 2px solid #9fb3cc; border-radius: 10px; background: #f7f9fc; }
        label.option input:checked + span { border-color: #1f5fa8; background: #dce8f7; font-weight: bold; }
        label.option input:focus-visible + span { outline: 3px solid #f0a500; outline-offset: 2px; }
        .profile { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.8rem; }
        .profile legend { grid-column: 1 / -1; }
        .profile fieldset { margin: 0; grid-column: 1 / -1; }
        label.field span { display: block; font-weight: bold; margin-bottom: 0.3rem; }
        label.field.wide { grid-column: 1 / -1; }
        input[type=number], select, textarea { width: 100%; font: inherit; padding: 0.7rem; min-height: 3.2rem;
                                               border: 2px solid #9fb3cc; border-radius: 10px; background: #fff; }
        .submit { margin: 1.4rem 0 0.6rem; }
        button, a.button { display: inline-block; font: inherit; font-weight: bold; font-size: 1.2rem; color: #fff;
                           background: #1f5fa8; border: 0; border-radius: 12px; padding: 1rem 2rem; min-height: 3.6rem;
                           text-decoration: none; cursor: pointer; }
        button { width: 100%; }
        .links { margin-top: 1.2rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.8rem 1.2rem; }
        .table-scroll { overflow-x: auto; }
        .notice { font-size: 1.15rem; padding: 0.8rem 1rem; background: #fff4df; border-left: 6px solid #ef8f00; }
        .thanks { font-size: 1.3rem; padding: 1rem; background: #d7efd8; border-left: 6px solid #2e7d32; }
        .detail { color: #555; font-size: 0.9rem; overflow-wrap: anywhere; }
        dl.headline { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.6rem; margin: 0 0 1rem; }
        dl.headline dt { grid-row: 1; font-size: 0.9rem; color: #444; }
        dl.headline dd { grid-row: 2; margin: 0; font-size: 1.7rem; font-weight: bold; color: #123d6e; }
        figure { margin: 0.6rem 0; }
        figcaption, .note { font-size: 0.85rem; color: #555; }
        svg.chart { display: block; width: 100%; height: auto; }
        table { width: 100%; border-collapse: collapse; margin: 0.4rem 0 0.8rem; font-size: 0.95rem; }
        th, td { border: 1px solid #c2c2c2; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
        th { background: #e8eef6; }
        td.figure { text-align: right; white-space: nowrap; }
        td.lowest { color: #c62828; font-weight: bold; }
        td.priority { color: #b86e00; font-weight: bold; }
        .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
        @media (max-width: 32rem) {
          body { font-size: 17px; }
          main { padding: 0.9rem 0.8rem 1.6rem; }
          table { font-size: 0.8rem; }
          th, td { padding: 0.25rem 0.3rem; }
          dl.headline dd { font-size: 1.35rem; }
        }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { background: #fff; font-size: 11pt; }
          main { max-width: none; padding: 0; min-height: 0; }
          fieldset, tr, figure { break-inside: avoid; }
          label.option span { min-height: 0; padding: 0.2rem 0.4rem 0.2rem 2rem; background: #fff; }
          label.option input { left: 0.4rem; width: 1rem; height: 1rem; margin-top: -0.5rem; }
          .submit, .links, .years { display: none; }
        }
        """
}
