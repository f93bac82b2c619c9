import { Modal, Result } from 'antd';
import { OnceSecret } from '../../../components/form-helpers.tsx';

/** A freshly created account: what was created, its user name and its initial password. */
export interface CreatedAccount {
  title: string;
  username: string;
  password: string;
}

/** Shows a freshly created account's initial password once. */
export function InitialPasswordModal({
  created,
  onClose,
}: {
  created: CreatedAccount | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={!!created}
      title="账号已创建"
      okText="我已复制"
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
    >
      {created && (
        <Result
          status="success"
          title={created.title}
          subTitle={`用户名：${created.username}。首次登录须修改初始密码。`}
          extra={<OnceSecret label="初始密码" value={created.password} />}
        />
      )}
    </Modal>
  );
}
