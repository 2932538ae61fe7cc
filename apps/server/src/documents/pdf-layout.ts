import type { DocumentPrint, PrintLine, PrintRow } from '@kanjo/core';
import PDFDocument from 'pdfkit';
import { fontData, type FontName } from './fonts';

type Pdf = PDFKit.PDFDocument;

const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const LEFT = PAGE.margin;
const RIGHT = PAGE.width - PAGE.margin;
const WIDTH = RIGHT - LEFT;
const BOTTOM = PAGE.height - PAGE.margin;
const INK = '#1f2933';
const MUTED = '#616e7c';
const RULE = '#cbd2d9';
const SHADE = '#f0f4f8';

/** Lines table columns: the item takes what the numbers leave. */
const COLUMNS = { quantity: 52, rate: 86, taxRate: 48, amount: 96 };
const ITEM_WIDTH = WIDTH - COLUMNS.quantity - COLUMNS.rate - COLUMNS.taxRate - COLUMNS.amount;

export interface PdfMeta {
  title: string;
  author: string;
  /** Set from the document, not the clock, so the same document gives the same bytes. */
  createdAt: Date;
  modifiedAt: Date;
}

/**
 * Draws a print model on A4 pages: logo and title, the customer's address
 * block beside the document facts and the organization, the lines table
 * (repeated header on each new page), the per-rate breakdown, totals, notes
 * and terms.
 */
export function layoutPdf(print: DocumentPrint, meta: PdfMeta): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    lang: print.locale,
    displayTitle: true,
    // Kept until the end so every page can say "n / total".
    bufferPages: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Creator: 'Kanjo',
      CreationDate: meta.createdAt,
      ModDate: meta.modifiedAt,
    },
  });
  for (const [name, data] of Object.entries(fontData())) pdf.registerFont(name, data);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  let y = header(pdf, print);
  y = parties(pdf, print, y);
  y = linesTable(pdf, print, y + 18);
  y = summary(pdf, print, y + 12);
  remarks(pdf, print, y + 18);
  pageNumbers(pdf, print);
  pdf.end();
  return done;
}

function use(pdf: Pdf, font: FontName, size: number, color = INK): Pdf {
  return pdf.font(font).fontSize(size).fillColor(color);
}

function header(pdf: Pdf, print: DocumentPrint): number {
  let logoBottom = PAGE.margin;
  if (print.seller.logo) {
    const image = Buffer.from(
      print.seller.logo.slice(print.seller.logo.indexOf(',') + 1),
      'base64',
    );
    try {
      pdf.image(image, LEFT, PAGE.margin, { fit: [160, 56] });
      logoBottom = PAGE.margin + 56;
    } catch {
      // A logo pdfkit cannot read must not stop an invoice from printing.
    }
  }
  use(pdf, 'bold', 22).text(print.title, LEFT, PAGE.margin, { width: WIDTH, align: 'right' });
  const y = Math.max(logoBottom, pdf.y) + 14;
  pdf.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(1.2).strokeColor(INK).stroke();
  return y + 16;
}

/** Customer on the left (as a window envelope shows it), facts and organization on the right. */
function parties(pdf: Pdf, print: DocumentPrint, top: number): number {
  const half = WIDTH / 2 - 12;
  use(pdf, 'bold', 13).text(print.buyer.name, LEFT, top, { width: half });
  const nameBottom = pdf.y + 2;
  pdf
    .moveTo(LEFT, nameBottom)
    .lineTo(LEFT + half, nameBottom)
    .lineWidth(0.6)
    .strokeColor(INK)
    .stroke();
  use(pdf, 'regular', 9.5).text('', LEFT, nameBottom + 6);
  for (const line of print.buyer.lines) pdf.text(line, LEFT, pdf.y, { width: half });
  const headlineTop = Math.max(pdf.y + 18, top + 70);
  pdf.rect(LEFT, headlineTop, half, 40).fillColor(SHADE).fill();
  use(pdf, 'regular', 10).text(print.headline.label, LEFT + 10, headlineTop + 14, { width: 100 });
  use(pdf, 'bold', 16).text(print.headline.value, LEFT + 100, headlineTop + 9, {
    width: half - 110,
    align: 'right',
  });
  const leftBottom = headlineTop + 40;

  const x = LEFT + WIDTH / 2 + 12;
  const width = RIGHT - x;
  let y = top;
  for (const fact of print.facts) y = labelled(pdf, fact, x, y, width);
  y += 10;
  use(pdf, 'bold', 11).text(print.seller.name, x, y, { width });
  use(pdf, 'regular', 9, MUTED);
  for (const line of print.seller.lines) pdf.text(line, x, pdf.y, { width });
  if (print.seller.registrationNumber) {
    const { label, value } = print.seller.registrationNumber;
    use(pdf, 'regular', 9).text(`${label} ${value}`, x, pdf.y + 2, { width });
  }
  return Math.max(leftBottom, pdf.y);
}

/** "Label ........ value" on one row of the facts block. */
function labelled(pdf: Pdf, row: PrintRow, x: number, y: number, width: number): number {
  use(pdf, 'regular', 9.5, MUTED).text(row.label, x, y, { width: width / 2 });
  use(pdf, 'regular', 9.5).text(row.value, x + width / 2, y, { width: width / 2, align: 'right' });
  return y + 15;
}

function tableHeader(pdf: Pdf, print: DocumentPrint, y: number): number {
  pdf.rect(LEFT, y, WIDTH, 20).fillColor(INK).fill();
  const { columns } = print;
  use(pdf, 'bold', 9, '#ffffff');
  let x = LEFT + 6;
  pdf.text(columns.item, x, y + 5, { width: ITEM_WIDTH - 12 });
  x = LEFT + ITEM_WIDTH;
  for (const [key, width] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, number][]) {
    pdf.text(columns[key], x, y + 5, { width: width - 6, align: 'right' });
    x += width;
  }
  return y + 24;
}

function linesTable(pdf: Pdf, print: DocumentPrint, top: number): number {
  let y = tableHeader(pdf, print, top);
  for (const line of print.lines) {
    const height = lineHeight(pdf, line);
    if (y + height > BOTTOM) {
      pdf.addPage();
      y = tableHeader(pdf, print, PAGE.margin);
    }
    drawLine(pdf, line, y);
    y += height;
    pdf
      .moveTo(LEFT, y - 3)
      .lineTo(RIGHT, y - 3)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
  }
  if (print.reducedRateNote) {
    use(pdf, 'regular', 8.5, MUTED).text(print.reducedRateNote, LEFT, y + 2, { width: WIDTH });
    y = pdf.y;
  }
  return y;
}

function itemName(line: PrintLine): string {
  return line.reducedRate ? `${line.name} ※` : line.name;
}

function itemDetails(line: PrintLine): string {
  return [line.description, line.discount].filter(Boolean).join('\n');
}

function lineHeight(pdf: Pdf, line: PrintLine): number {
  use(pdf, 'regular', 9.5);
  let height = pdf.heightOfString(itemName(line), { width: ITEM_WIDTH - 12 });
  const details = itemDetails(line);
  if (details) height += use(pdf, 'regular', 8).heightOfString(details, { width: ITEM_WIDTH - 12 });
  return height + 10;
}

function drawLine(pdf: Pdf, line: PrintLine, y: number): void {
  use(pdf, 'regular', 9.5).text(itemName(line), LEFT + 6, y, { width: ITEM_WIDTH - 12 });
  const details = itemDetails(line);
  if (details)
    use(pdf, 'regular', 8, MUTED).text(details, LEFT + 6, pdf.y, { width: ITEM_WIDTH - 12 });
  const cells = [line.quantity, line.rate, line.taxRate, line.amount];
  let x = LEFT + ITEM_WIDTH;
  use(pdf, 'regular', 9.5);
  Object.values(COLUMNS).forEach((width, index) => {
    pdf.text(cells[index] ?? '', x, y, { width: width - 6, align: 'right' });
    x += width;
  });
}

/** Per-rate breakdown on the left, totals on the right; kept together on one page. */
function summary(pdf: Pdf, print: DocumentPrint, top: number): number {
  const rows = Math.max(print.breakdown.length, print.totals.length);
  let y = top;
  if (y + rows * 18 + 10 > BOTTOM) {
    pdf.addPage();
    y = PAGE.margin;
  }
  const breakdownWidth = WIDTH * 0.52;
  let left = y;
  for (const row of print.breakdown) {
    const w = breakdownWidth / 4;
    use(pdf, 'regular', 9.5, MUTED).text(row.label, LEFT, left, { width: w });
    use(pdf, 'regular', 9.5).text(row.taxable, LEFT + w, left, { width: w, align: 'right' });
    use(pdf, 'regular', 9.5, MUTED).text(row.taxLabel, LEFT + 2 * w + 10, left, { width: w - 10 });
    use(pdf, 'regular', 9.5).text(row.tax, LEFT + 3 * w, left, { width: w, align: 'right' });
    left += 16;
  }
  const x = LEFT + WIDTH * 0.6;
  const width = RIGHT - x;
  let right = y;
  for (const row of print.totals) {
    if (row.strong) {
      pdf
        .moveTo(x, right - 3)
        .lineTo(RIGHT, right - 3)
        .lineWidth(0.8)
        .strokeColor(INK)
        .stroke();
    }
    const font = row.strong ? 'bold' : 'regular';
    use(pdf, font, row.strong ? 11 : 9.5).text(row.label, x, right, { width: width / 2 });
    use(pdf, font, row.strong ? 11 : 9.5).text(row.value, x + width / 2, right, {
      width: width / 2,
      align: 'right',
    });
    right += row.strong ? 20 : 16;
  }
  return Math.max(left, right);
}

function remarks(pdf: Pdf, print: DocumentPrint, top: number): void {
  let y = top;
  for (const block of [print.notes, print.terms]) {
    if (!block) continue;
    const height = use(pdf, 'regular', 9).heightOfString(block.value, { width: WIDTH }) + 16;
    if (y + Math.min(height, 60) > BOTTOM) {
      pdf.addPage();
      y = PAGE.margin;
    }
    use(pdf, 'bold', 9.5).text(block.label, LEFT, y, { width: WIDTH });
    use(pdf, 'regular', 9).text(block.value, LEFT, pdf.y + 2, { width: WIDTH });
    y = pdf.y + 12;
  }
}

/** "INV-000007 · 2 / 3" at the foot of each page of a document longer than one page. */
function pageNumbers(pdf: Pdf, print: DocumentPrint): void {
  const { start, count } = pdf.bufferedPageRange();
  if (count < 2) return;
  for (let index = start; index < start + count; index += 1) {
    pdf.switchToPage(index);
    // Text below the bottom margin would otherwise open a new page.
    pdf.page.margins.bottom = 0;
    const label = [print.number, `${index - start + 1} / ${count}`].filter(Boolean).join(' · ');
    use(pdf, 'regular', 8, MUTED).text(label, LEFT, PAGE.height - PAGE.margin / 2 - 4, {
      width: WIDTH,
      align: 'right',
      lineBreak: false,
    });
  }
}
