import { QRCodeSVG } from 'qrcode.react';

/** The fair page's QR code (a chunk of its own: it draws only when 二维码 is opened). */
export default function FairQrCode({ value }: { value: string }) {
  return <QRCodeSVG value={value} size={160} />;
}
