import { useEffect } from 'react';
import { message, Modal, notification } from 'antd';
import type { useAppProps } from 'antd/es/app/context';

/** antd's message, modal and notification hooks with their holders; loaded on the first call. */
export default function FeedbackHost({ onReady }: { onReady: (apis: useAppProps) => void }) {
  const [messageApi, messageHolder] = message.useMessage();
  const [modalApi, modalHolder] = Modal.useModal();
  const [notificationApi, notificationHolder] = notification.useNotification();
  useEffect(() => {
    onReady({ message: messageApi, modal: modalApi, notification: notificationApi });
  }, [onReady, messageApi, modalApi, notificationApi]);
  return (
    <>
      {modalHolder}
      {messageHolder}
      {notificationHolder}
    </>
  );
}
