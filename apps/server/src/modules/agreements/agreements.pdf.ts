import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { agreementClauses, reviewStatusLabels, type Agreement } from '@hirehall/shared/agreements';
import { genderLabels } from '@hirehall/shared/graduates';

const require = createRequire(import.meta.url);
/**
 * Noto Sans SC (SIL Open Font License 1.1, shipped by @expo-google-fonts/noto-sans-sc as a
 * TrueType/glyf font, which pdfkit subsets and embeds reliably). The OFL allows bundling and
 * embedding; the licence text travels with the npm package.
 */
export const CJK_FONT_PATH =
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
export const CJK_BOLD_FONT_PATH =
  require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export const PDF_TITLE = '普通高等学校毕业生就业协议书';
/** the QR code's side in points, at the bottom right of the last page */
export const QR_SIZE = 100;

export interface PdfExtras {
  idNumberShown: string;
  verifyUrl: string;
  fingerprint: string;
}

const fmt = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

/** The signed agreement: three parties, every clause, each review, number, code and QR. */
export async function renderAgreementPdf(a: Agreement, extras: PdfExtras): Promise<Buffer> {
  // pdfkit (with fontkit) is loaded on the first PDF, not at every server start
  const { default: PDFDocument } = await import('pdfkit');
  const qr = await QRCode.toBuffer(extras.verifyUrl, { type: 'png', margin: 1, width: 220 });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 56, right: 56 },
    info: { Title: `${PDF_TITLE} ${a.agreementNumber ?? ''}`, Producer: 'HireHall' },
    bufferPages: true,
  });
  doc.registerFont('cjk', CJK_FONT_PATH);
  doc.registerFont('cjk-bold', CJK_BOLD_FONT_PATH);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  const width = doc.page.width - 112;
  doc.font('cjk-bold').fontSize(22).text(PDF_TITLE, 56, 56, { width, align: 'center' });
  doc.moveDown(0.4);
  doc
    .font('cjk')
    .fontSize(10)
    .text(`协议编号：${a.agreementNumber ?? '—'}    毕业年份：${a.graduationYear}`, {
      width,
      align: 'center',
    });
  doc.moveDown(0.8);

  const section = (title: string) => {
    doc.moveDown(0.35).font('cjk-bold').fontSize(13).text(title, { width });
    doc.moveDown(0.1).font('cjk').fontSize(10.5);
  };
  const line = (label: string, value: string | number | null) =>
    doc.text(`${label}：${value === null || value === '' ? '—' : value}`, { width });

  section('甲方（用人单位）');
  line('单位名称', a.employer.name);
  line('统一社会信用代码', a.employer.creditCode);
  line('联系人', a.employer.contactName);
  line('联系电话', a.employer.contactPhone);
  line('单位地址', a.employer.address);

  section('乙方（毕业生）');
  line('姓名', a.graduate.name);
  line('性别', a.graduate.gender ? genderLabels[a.graduate.gender] : null);
  line('身份证号', extras.idNumberShown);
  line('学号', a.graduate.studentNumber);
  line('学院', a.graduate.collegeName);
  line('专业', a.graduate.major);
  line('学历', a.graduate.degree);

  section('丙方（学校）');
  line('学校名称', a.schoolName);

  section('协议条款');
  for (const c of agreementClauses) {
    const v = a.terms[c.key];
    line(c.label, c.key === 'monthlySalary' ? `${v} 元/月` : String(v));
  }

  section('审核记录');
  for (const r of a.reviews) {
    const stage = r.stage === 'college' ? '学院审核' : '学校审核';
    const decision = r.decision === 'approved' ? '通过' : `退回（${r.reason ?? ''}）`;
    line(stage, `${decision}  审核人：${r.reviewerName}  时间：${fmt(r.createdAt)}`);
  }
  line(
    '协议状态',
    a.status === 'terminated'
      ? '已解约'
      : a.reviewStatus
        ? reviewStatusLabels[a.reviewStatus]
        : null,
  );
  line('签约完成时间', fmt(a.signedAt));

  // verification block: QR at the right, code and fingerprint at the left
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (doc.y + 12 + QR_SIZE > bottom) doc.addPage();
  const top = doc.y + 12;
  doc.image(qr, doc.page.width - 56 - QR_SIZE, top, { width: QR_SIZE });
  doc
    .font('cjk')
    .fontSize(9.5)
    .text(`验证码：${a.verificationCode ?? '—'}`, 56, top + 4, { width: width - 130 })
    .text(`验证地址：${extras.verifyUrl}`, { width: width - 130 })
    .text(`内容指纹（SHA-256）：${extras.fingerprint}`, { width: width - 130 })
    .moveDown(0.5)
    .text('扫描右侧二维码或访问验证地址，可核验本协议是否真实存在及其当前状态。', {
      width: width - 130,
    });

  // every page names the agreement and its page, so a loose sheet can be put back
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not add a page
    doc
      .font('cjk')
      .fontSize(8.5)
      .fillColor('#666666')
      .text(
        `协议编号 ${a.agreementNumber ?? '—'} · 第 ${i - start + 1} 页，共 ${count} 页`,
        56,
        doc.page.height - 34,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
