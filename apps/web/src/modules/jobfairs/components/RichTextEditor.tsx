import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Input, Popover, Space, Tooltip, theme } from 'antd';
import {
  BoldOutlined,
  ClearOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  UnderlineOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';

/** Plain-text introductions of older fairs become paragraphs; HTML is shown as it is. */
function toEditorHtml(value: string) {
  if (!value || value.includes('<')) return value;
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return value
    .split(/\n{1,}/)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}

/** What an empty editor holds counts as no introduction. */
function fromEditorHtml(html: string) {
  const text = html.replace(/<br\s*\/?>|<\/?p>|&nbsp;|\s/g, '');
  return text ? html : '';
}

/** A toolbar button that keeps the text selection in the editor. */
function Tool({ title, icon, onClick }: { title: string; icon: ReactNode; onClick: () => void }) {
  return (
    <Tooltip title={title}>
      <Button
        size="small"
        type="text"
        icon={icon}
        aria-label={title}
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClick}
      />
    </Tooltip>
  );
}

const safeUrl = (url: string) => /^(https?:\/\/|mailto:)\S+$/i.test(url.trim());

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  id?: string;
  'aria-label'?: string;
}

/**
 * A small rich-text editor for the fair introduction: bold, italic, underline, a heading, lists
 * and links, edited in place (what the school sees is what seekers see). Pasting inserts plain
 * text only, and the server sanitizes what is saved (the same tags the toolbar makes).
 */
export function RichTextEditor({ value = '', onChange, id, 'aria-label': ariaLabel }: Props) {
  const { token } = theme.useToken();
  const ref = useRef<HTMLDivElement>(null);
  const shown = useRef<string | null>(null);
  const saved = useRef<Range | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [url, setUrl] = useState('https://');

  // outside changes (loading another fair, form reset) replace the content; own edits do not
  useEffect(() => {
    const el = ref.current;
    if (el && value !== shown.current) {
      el.innerHTML = toEditorHtml(value);
      shown.current = value;
    }
  }, [value]);

  const emit = () => {
    const html = fromEditorHtml(ref.current?.innerHTML ?? '');
    shown.current = html;
    onChange?.(html);
  };
  const run = (command: string, arg?: string) => {
    ref.current?.focus();
    document.execCommand('defaultParagraphSeparator', false, 'p');
    document.execCommand(command, false, arg);
    emit();
  };
  const saveSelection = () => {
    const sel = window.getSelection();
    const range = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
    saved.current =
      range && ref.current?.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
  };
  const insertLink = () => {
    const href = url.trim();
    if (!safeUrl(href)) return;
    ref.current?.focus();
    const sel = window.getSelection();
    if (saved.current && sel) {
      sel.removeAllRanges();
      sel.addRange(saved.current);
    }
    if (sel?.isCollapsed) run('insertHTML', `<a href="${encodeURI(href)}">${encodeURI(href)}</a>`);
    else run('createLink', href);
    setLinkOpen(false);
    setUrl('https://');
  };

  return (
    <div
      style={{
        border: `1px solid ${token.colorBorder}`,
        borderRadius: token.borderRadius,
        background: token.colorBgContainer,
      }}
    >
      <Space
        wrap
        size={2}
        role="toolbar"
        aria-label="格式"
        style={{ padding: 4, borderBottom: `1px solid ${token.colorBorderSecondary}` }}
      >
        <Tool title="加粗" icon={<BoldOutlined />} onClick={() => run('bold')} />
        <Tool title="斜体" icon={<ItalicOutlined />} onClick={() => run('italic')} />
        <Tool title="下划线" icon={<UnderlineOutlined />} onClick={() => run('underline')} />
        <Button
          size="small"
          type="text"
          aria-label="小标题"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => run('formatBlock', 'h4')}
        >
          标题
        </Button>
        <Button
          size="small"
          type="text"
          aria-label="正文"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => run('formatBlock', 'p')}
        >
          正文
        </Button>
        <Tool
          title="项目列表"
          icon={<UnorderedListOutlined />}
          onClick={() => run('insertUnorderedList')}
        />
        <Tool
          title="编号列表"
          icon={<OrderedListOutlined />}
          onClick={() => run('insertOrderedList')}
        />
        <Popover
          open={linkOpen}
          onOpenChange={(open) => {
            if (open) saveSelection();
            setLinkOpen(open);
          }}
          trigger="click"
          content={
            <Space.Compact>
              <Input
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                onPressEnter={insertLink}
                status={url !== 'https://' && !safeUrl(url) ? 'error' : undefined}
                aria-label="链接地址"
                style={{ width: 220 }}
              />
              <Button type="primary" disabled={!safeUrl(url)} onClick={insertLink}>
                插入
              </Button>
            </Space.Compact>
          }
        >
          <span>
            <Tool title="插入链接" icon={<LinkOutlined />} onClick={saveSelection} />
          </span>
        </Popover>
        <Tool
          title="清除格式"
          icon={<ClearOutlined />}
          onClick={() => {
            run('removeFormat');
            run('unlink');
          }}
        />
      </Space>
      <div
        ref={ref}
        id={id}
        role="textbox"
        aria-multiline="true"
        aria-label={ariaLabel}
        contentEditable
        suppressContentEditableWarning
        className="fair-introduction"
        onInput={emit}
        onBlur={emit}
        onPaste={(e) => {
          e.preventDefault();
          document.execCommand('insertText', false, e.clipboardData.getData('text/plain'));
          emit();
        }}
        style={{ minHeight: 180, maxHeight: 420, overflowY: 'auto', padding: '8px 11px' }}
      />
    </div>
  );
}
