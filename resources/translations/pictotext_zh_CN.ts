<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../pictotext_desktop/ui/about_dialog.py" line="27" />
            <source>About %1</source>
            <translation>关于 %1</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/about_dialog.py" line="35" />
            <source>Photos of identity documents in, checked structured data out.</source>
            <translation>输入证件照片，输出经过校验的结构化数据。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/about_dialog.py" line="39" />
            <source>Versions (include them when you report a problem):</source>
            <translation>版本信息（报告问题时请一并附上）：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/about_dialog.py" line="43" />
            <source>Versions</source>
            <translation>版本信息</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/about_dialog.py" line="46" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/about_dialog.py" line="48" />
            <source>Copy the versions</source>
            <translation>复制版本信息</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/about_dialog.py" line="60" />
            <source>Copied</source>
            <translation>已复制</translation>
        </message>
    </context>
    <context>
        <name>BatchProgress</name>
        <message>
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="72" />
            <source>about %n s left</source>
            <translation>约剩 %n 秒</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="73" />
            <source>about %n min left</source>
            <translation>约剩 %n 分钟</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="87" />
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="92" />
            <source>Batch progress</source>
            <translation>批次进度</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="151" />
            <source>Batch finished: {done} of {total} read</source>
            <translation>批次完成：已识别 {done}/{total}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="154" />
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="163" />
            <source>%n failed</source>
            <translation>%n 个失败</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="156" />
            <source>%n cancelled</source>
            <translation>%n 个已取消</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="161" />
            <source>{done} of {total}</source>
            <translation>{done}/{total} 张</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="165" />
            <source>paused</source>
            <translation>已暂停</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/batch_progress.py" line="192" />
            <source>Paused: {reason} ({done} of {total} finished)</source>
            <translation>已暂停：{reason}（已完成 {done}/{total}）</translation>
        </message>
    </context>
    <context>
        <name>CardOutline</name>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="112" />
            <source>Card outline</source>
            <translation>证件轮廓</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="285" />
            <source>top left</source>
            <translation>左上</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="285" />
            <source>top right</source>
            <translation>右上</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="286" />
            <source>bottom right</source>
            <translation>右下</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="287" />
            <source>bottom left</source>
            <translation>左下</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="288" />
            <source>Corner {n} of 4 ({name}): the arrow keys move it, Tab goes to the next</source>
            <translation>第 {n} 个角（共 4 个，{name}）：用方向键移动，按 Tab 转到下一个</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="292" />
            <source>The card's outline: drag a corner to fix it</source>
            <translation>证件轮廓：拖动角点即可修正</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="329" />
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="330" />
            <source>What was sent</source>
            <translation>发送的图像</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="336" />
            <source>The photo, with the card found in it</source>
            <translation>照片，并标出其中找到的证件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="337" />
            <source>The image that was read: the card, straightened, or the whole photo</source>
            <translation>被识别的图像：拉正后的证件，或整张照片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="341" />
            <source>Adjust corners</source>
            <translation>调整角点</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="342" />
            <source>Put the card's corners where they belong: drag them, or Tab to a corner and use the arrow keys</source>
            <translation>把证件的角点放到正确位置：拖动角点，或按 Tab 选中角点后用方向键移动</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="345" />
            <source>The other card</source>
            <translation>另一张证件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="346" />
            <source>Outline the photo's other card instead (or click it), then read again with its corners</source>
            <translation>改为框选照片中的另一张证件（或直接点击它），然后按它的角点重新识别</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="349" />
            <source>Read again with these corners</source>
            <translation>按这些角点重新识别</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="351" />
            <source>Use whole photo</source>
            <translation>使用整张照片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="352" />
            <source>Read the whole photo instead of the card cut out</source>
            <translation>识别整张照片，而不是裁出的证件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/card_outline.py" line="358" />
            <source>If the card was not found right, adjust its corners or use the whole photo, then it is read again.</source>
            <translation>如果证件位置找得不对，请调整角点或使用整张照片，随后会重新识别。</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <location filename="../../pictotext_desktop/ui/crash_dialog.py" line="51" />
            <source>%1 ran into a problem</source>
            <translation>%1 遇到问题</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/crash_dialog.py" line="55" />
            <source>Something unexpected went wrong.</source>
            <translation>发生了意外错误。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/crash_dialog.py" line="61" />
            <source>You can close this message and keep working, but if the app misbehaves, save your results and restart it. Please send the report below to %1: it contains no API key and no document data.</source>
            <translation>你可以关闭此消息继续使用；如果应用运行异常，请保存结果后重新启动。请将下面的报告发送至 %1：报告中不含 API 密钥，也不含任何证件数据。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/crash_dialog.py" line="74" />
            <source>Crash report</source>
            <translation>崩溃报告</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/crash_dialog.py" line="78" />
            <source>Copy report</source>
            <translation>复制报告</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/crash_dialog.py" line="83" />
            <source>Open log folder</source>
            <translation>打开日志文件夹</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/crash_dialog.py" line="89" />
            <source>Quit %1</source>
            <translation>退出 %1</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/crash_dialog.py" line="111" />
            <source>Another error followed (%1):</source>
            <translation>随后又发生了一个错误（%1）：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/crash_dialog.py" line="117" />
            <source>Copied</source>
            <translation>已复制</translation>
        </message>
    </context>
    <context>
        <name>DocTypeSelector</name>
        <message>
            <location filename="../../pictotext_desktop/ui/doc_type_selector.py" line="48" />
            <source>Document type</source>
            <translation>证件类型</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/doc_type_selector.py" line="49" />
            <source>Type part of a name in English or Chinese, or a code, then press Enter</source>
            <translation>输入英文或中文名称的一部分或代码，然后按 Enter</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/doc_type_selector.py" line="52" />
            <source>Document type: type to search</source>
            <translation>证件类型：输入文字可搜索</translation>
        </message>
    </context>
    <context>
        <name>DropZone</name>
        <message>
            <location filename="../../pictotext_desktop/ui/drop_zone.py" line="47" />
            <source>Drop zone</source>
            <translation>拖放区</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/drop_zone.py" line="48" />
            <source>Drop photos or folders here, or paste a picture with Ctrl+V</source>
            <translation>把照片或文件夹拖到这里，或按 Ctrl+V 粘贴图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/drop_zone.py" line="56" />
            <source>Drop photos or folders here</source>
            <translation>将照片或文件夹拖到这里</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/drop_zone.py" line="62" />
            <source>…or paste a picture with Ctrl+V, or choose files:</source>
            <translation>……也可以按 Ctrl+V 粘贴图片，或选择文件：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/drop_zone.py" line="68" />
            <source>Open files…</source>
            <translation>打开文件…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/drop_zone.py" line="69" />
            <source>Open folder…</source>
            <translation>打开文件夹…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/drop_zone.py" line="70" />
            <source>Paste</source>
            <translation>粘贴</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/drop_zone.py" line="84" />
            <source>Engine and key status</source>
            <translation>引擎和密钥状态</translation>
        </message>
    </context>
    <context>
        <name>ErrorDialog</name>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="117" />
            <source>PicToText said: “{m}”</source>
            <translation>PicToText 返回：“{m}”</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="136" />
            <source>Technical details</source>
            <translation>技术详情</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="145" />
            <source>Read these on this computer instead</source>
            <translation>改为在本机识别这些证件</translation>
        </message>
        <message numerus="yes">
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="147" />
            <source>%n Chinese ID card(s) waiting are read by the on-device reader; nothing is uploaded.</source>
            <translation>
                <numerusform>%n 张等待中的中国身份证将由本机识别器读取，不会上传任何内容。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="152" />
            <source>Open Settings</source>
            <translation>打开设置</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="155" />
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="160" />
            <source>Open PicToText dashboard</source>
            <translation>打开 PicToText 控制台</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="158" />
            <source>Buy credits / upgrade</source>
            <translation>购买额度 / 升级套餐</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="163" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="164" />
            <source>Details</source>
            <translation>详细信息</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="165" />
            <source>Copy support report</source>
            <translation>复制诊断报告</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/error_dialog.py" line="167" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="138" />
            <source>{name} ({why})</source>
            <translation>{name}（原因：{why}）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="141" />
            <source>and {n} more</source>
            <translation>等另外 {n} 项</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="148" />
            <source>{n} of {m} exported to {file}</source>
            <translation>已导出 {n}/{m} 项到 {file}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="151" />
            <source>{n} failed, in the file with their error: {names}</source>
            <translation>{n} 项失败，已连同错误写入文件：{names}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="154" />
            <source>{n} failed, left out (the template has no error column): {names}</source>
            <translation>{n} 项失败，未导出（模板没有错误列）：{names}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="157" />
            <source>{n} not read, left out: {names}</source>
            <translation>{n} 项尚未识别，未导出：{names}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="159" />
            <source>; </source>
            <translation>；</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="173" />
            <source>There are no finished results to export yet.</source>
            <translation>还没有可导出的已完成结果。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="196" />
            <source>Could not write {path}: {why}</source>
            <translation>无法写入 {path}：{why}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="205" />
            <source>Not everything fitted the spreadsheet as it was: the Notes sheet of {path} says what was changed.</source>
            <translation>部分内容无法原样放入电子表格：{path} 的“Notes”工作表说明了改动之处。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="223" />
            <source>Excel workbook (.xlsx)</source>
            <translation>Excel 工作簿 (.xlsx)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="223" />
            <source>CSV file (.csv)</source>
            <translation>CSV 文件 (.csv)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="224" />
            <source>JSON file (.json)</source>
            <translation>JSON 文件 (.json)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="224" />
            <source>JSON Lines file (.jsonl)</source>
            <translation>JSON Lines 文件 (.jsonl)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="235" />
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="372" />
            <source>Export results</source>
            <translation>导出结果</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="241" />
            <source>{n} result(s) to export.</source>
            <translation>将导出 {n} 个结果。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="245" />
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="247" />
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="252" />
            <source>&amp;File:</source>
            <translation>文件(&amp;F)：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="256" />
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="258" />
            <source>F&amp;ormat:</source>
            <translation>格式(&amp;O)：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="261" />
            <source>Template</source>
            <translation>模板</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="264" />
            <source>Save as template…</source>
            <translation>另存为模板…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="267" />
            <source>&amp;Template:</source>
            <translation>模板(&amp;T)：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="269" />
            <source>API keys (idNumber)</source>
            <translation>API 字段名（idNumber）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="270" />
            <source>English labels (ID number)</source>
            <translation>英文标签（ID number）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="271" />
            <source>Chinese labels (公民身份号码)</source>
            <translation>中文标签（公民身份号码）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="272" />
            <source>Column headers</source>
            <translation>列标题</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="273" />
            <source>&amp;Headers:</source>
            <translation>列标题(&amp;H)：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="275" />
            <source>Masking:</source>
            <translation>脱敏：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="276" />
            <source>Checks ran on the full values; the file says which masking it used.</source>
            <translation>校验基于完整值进行；文件中会注明所用的脱敏方式。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="284" />
            <source>Export status</source>
            <translation>导出状态</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="334" />
            <source>{name} (yours)</source>
            <translation>{name}（自定义）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="373" />
            <source>Excel (*.xlsx);;CSV (*.csv);;JSON (*.json);;JSON Lines (*.jsonl)</source>
            <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv);;JSON 文件 (*.json);;JSON Lines 文件 (*.jsonl)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="377" />
            <source>Save as template</source>
            <translation>另存为模板</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="377" />
            <source>Template name:</source>
            <translation>模板名称：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="394" />
            <source>The template was not saved: {why}</source>
            <translation>模板未保存：{why}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="397" />
            <source>Saved the template {name}.</source>
            <translation>已保存模板 {name}。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/export_dialog.py" line="403" />
            <source>Choose a file to export to.</source>
            <translation>请选择要导出到的文件。</translation>
        </message>
    </context>
    <context>
        <name>HistoryPage</name>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="71" />
            <source>History</source>
            <translation>历史记录</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="77" />
            <source>With “A searchable history”, every result is kept encrypted on this computer for the days set above, then deleted (at start and once a day). Turning the history off keeps what it holds until its days are over; Delete all history removes it now. A change between keeping and not keeping results takes effect at the next start.</source>
            <translation>选择“可搜索的历史记录”后，每个结果都会加密保存在本机，保存上方设定的天数后删除（启动时及每天一次）。关闭历史记录后，已有记录保留到期满为止；“删除全部历史记录”会立即删除。在“保存”与“不保存”结果之间切换，下次启动后生效。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="87" />
            <source>A whole name or ID number</source>
            <translation>完整的姓名或证件号码</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="88" />
            <source>Search the history</source>
            <translation>搜索历史记录</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="90" />
            <source>Search</source>
            <translation>搜索</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="95" />
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="95" />
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="95" />
            <source>Document type</source>
            <translation>证件类型</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="95" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="95" />
            <source>ID number</source>
            <translation>证件号码</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="98" />
            <source>History search results</source>
            <translation>历史记录搜索结果</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="107" />
            <source>History status</source>
            <translation>历史记录状态</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="109" />
            <source>Delete all history…</source>
            <translation>删除全部历史记录…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="126" />
            <source>The saved results are not open: results are not kept on this computer, or there is no keyring.</source>
            <translation>保存的结果未打开：本机不保存结果，或没有可用的系统密钥环。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="135" />
            <source>Type a whole name or ID number.</source>
            <translation>请输入完整的姓名或证件号码。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="152" />
            <source>Nothing in the history matches (a whole name or number is needed; a part finds nothing).</source>
            <translation>历史记录中没有匹配项（需要完整的姓名或号码；部分内容无法找到）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="155" />
            <source>{n} result(s) found.</source>
            <translation>找到 {n} 个结果。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="164" />
            <source>Delete all history</source>
            <translation>删除全部历史记录</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="164" />
            <source>Delete the whole history ({n} result(s))? This cannot be undone. The results of the current session stay in the window.</source>
            <translation>删除全部历史记录（{n} 个结果）？此操作无法撤销。当前会话的结果仍保留在窗口中。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/history_page.py" line="170" />
            <source>Deleted the history ({n} result(s)).</source>
            <translation>已删除历史记录（{n} 个结果）。</translation>
        </message>
    </context>
    <context>
        <name>Intake</name>
        <message>
            <location filename="../../pictotext_desktop/ui/intake.py" line="35" />
            <source>Images</source>
            <translation>图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/intake.py" line="35" />
            <source>All files</source>
            <translation>所有文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/intake.py" line="57" />
            <source>Skipped {n} file(s) that are not images: {names}</source>
            <translation>已跳过 {n} 个非图片文件：{names}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/intake.py" line="60" />
            <source>Web addresses are not downloaded: save the picture to your computer first, then add the file ({urls})</source>
            <translation>不会从网址下载图片：请先将图片保存到电脑，再添加该文件（{urls}）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/intake.py" line="64" />
            <source>No images in: {names}</source>
            <translation>以下位置没有图片：{names}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/intake.py" line="168" />
            <source>Pasted image {n}</source>
            <translation>粘贴的图片 {n}</translation>
        </message>
    </context>
    <context>
        <name>KeySlotBox</name>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="139" />
            <source>Primary key</source>
            <translation>主密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="139" />
            <source>Secondary key (used when the primary key is refused)</source>
            <translation>备用密钥（主密钥被拒绝时使用）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="145" />
            <source>Current key</source>
            <translation>当前密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="148" />
            <source>Key age and usage</source>
            <translation>密钥使用时长和用量</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="151" />
            <source>Rotation reminder</source>
            <translation>轮换提醒</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="155" />
            <source>Paste a key from the PicToText dashboard</source>
            <translation>粘贴从 PicToText 控制台复制的密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="156" />
            <source>New API key</source>
            <translation>新 API 密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="158" />
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="201" />
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="160" />
            <source>Show or hide the key being typed</source>
            <translation>显示或隐藏正在输入的密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="163" />
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="215" />
            <source>Save in keyring</source>
            <translation>保存到密钥环</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="164" />
            <source>Save the key in the keyring</source>
            <translation>将密钥保存到密钥环</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="166" />
            <source>Use for this session only</source>
            <translation>仅本次运行使用</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="168" />
            <source>Use the key for this session only, without storing it</source>
            <translation>仅在本次运行中使用该密钥，不保存</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="170" />
            <source>Test</source>
            <translation>测试</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="171" />
            <source>Test the key with PicToText</source>
            <translation>用 PicToText 测试该密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="173" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="174" />
            <source>Remove the key</source>
            <translation>移除密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="178" />
            <source>Key result</source>
            <translation>密钥测试结果</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="201" />
            <source>Hide</source>
            <translation>隐藏</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="211" />
            <source>No key set.</source>
            <translation>尚未设置密钥。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="219" />
            <source>from the environment variable %1, not stored</source>
            <translation>来自环境变量 %1，未保存</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="221" />
            <source>for this session only</source>
            <translation>仅本次运行</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="222" />
            <source>in the keyring</source>
            <translation>已存于密钥环</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="224" />
            <source>Key: %1 (%2)</source>
            <translation>密钥：%1（%2）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="226" />
            <source>Replace in keyring</source>
            <translation>替换密钥环中的密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="230" />
            <source>Added: unknown</source>
            <translation>添加时间：未知</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="232" />
            <source>Added today</source>
            <translation>今天添加</translation>
        </message>
        <message numerus="yes">
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="234" />
            <source>Added %n day(s) ago</source>
            <translation>
                <numerusform>%n 天前添加</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="235" />
            <source>%n call(s) this month</source>
            <translation>
                <numerusform>本月调用 %n 次</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="237" />
            <source>(%n failed)</source>
            <translation>
                <numerusform>（失败 %n 次）</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="242" />
            <location filename="../../pictotext_desktop/ui/status_text.py" line="78" />
            <source>This key is %1 days old. PicToText recommends rotating keys every %2 days: create a new key in the dashboard and replace this one.</source>
            <translation>此密钥已使用 %1 天。PicToText 建议每 %2 天轮换一次密钥：请在控制台创建新密钥并替换此密钥。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="257" />
            <source>Save a refused key?</source>
            <translation>保存被拒绝的密钥？</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="257" />
            <source>PicToText refused this key when it was tested. Save it anyway?</source>
            <translation>测试时 PicToText 拒绝了此密钥。仍要保存吗？</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="260" />
            <source>Not saved: the key was refused when it was tested.</source>
            <translation>未保存：测试时此密钥被拒绝。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="271" />
            <source>Press 'Use for this session only' to use the key until the app closes.</source>
            <translation>点击“仅本次运行使用”，即可在应用关闭前使用该密钥。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="278" />
            <source>Saved %1 in the keyring.</source>
            <translation>已将 %1 保存到密钥环。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="288" />
            <source>Using %1 for this session only; it is forgotten when the app closes.</source>
            <translation>%1 仅在本次运行中使用，应用关闭后即被清除。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="298" />
            <source>Note: %1 is set in the environment and is used instead.</source>
            <translation>注意：已设置环境变量 %1，将优先使用它。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="302" />
            <source>Chinese ID cards will now be read by the PicToText cloud instead of on this computer. To keep reading them here, choose “On this computer” under Engine on the Recognition tab.</source>
            <translation>身份证今后将由 PicToText 云端识别，而不是在本机识别。如需继续在本机识别，请在“识别”页的“识别引擎”中选择“本机”。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="319" />
            <source>Correct the server address on the Connection tab to test the key.</source>
            <translation>请先在“连接”选项卡中更正服务器地址，再测试密钥。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="325" />
            <source>Testing %1…</source>
            <translation>正在测试 %1…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="341" />
            <source>The test could not run.</source>
            <translation>无法进行测试。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="347" />
            <source>The key works.</source>
            <translation>密钥可用。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="350" />
            <source>The key works, but the account needs attention:</source>
            <translation>密钥可用，但账户需要处理：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="354" />
            <source>The key is invalid (%1).</source>
            <translation>密钥无效（%1）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="359" />
            <source>Couldn't reach PicToText, so the key was not tested. This does not mean it is invalid.</source>
            <translation>无法连接 PicToText，因此未能测试密钥。这并不表示密钥无效。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="368" />
            <source>Remove the key %1? The app forgets it; the key itself stays valid in your PicToText account.</source>
            <translation>要移除密钥 %1 吗？应用将不再保存它，但该密钥在你的 PicToText 账户中仍然有效。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="370" />
            <source>Remove key</source>
            <translation>移除密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="377" />
            <source>The key was removed.</source>
            <translation>密钥已移除。</translation>
        </message>
    </context>
    <context>
        <name>Keyboard</name>
        <message>
            <location filename="../../pictotext_desktop/ui/keyboard.py" line="38" />
            <source>No problems in the queue</source>
            <translation>队列中没有问题</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/keyboard.py" line="65" />
            <source>&amp;Next problem</source>
            <translation>下一个问题(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/keyboard.py" line="67" />
            <source>Pre&amp;vious problem</source>
            <translation>上一个问题(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/keyboard.py" line="69" />
            <source>Choose document &amp;type</source>
            <translation>选择证件类型(&amp;T)</translation>
        </message>
    </context>
    <context>
        <name>Language</name>
        <message>
            <location filename="../../pictotext_desktop/ui/language.py" line="25" />
            <source>English</source>
            <comment>the name of the interface language</comment>
            <translation>简体中文</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../pictotext_desktop/ui/dialogs.py" line="46" />
            <source>{n} result(s) not copied or exported and {m} image(s) still waiting.</source>
            <translation>{n} 个结果尚未复制或导出，另有 {m} 张图片仍在等待。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/dialogs.py" line="49" />
            <source>{n} result(s) were never copied or exported.</source>
            <translation>{n} 个结果从未复制或导出。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/dialogs.py" line="51" />
            <source>{m} image(s) still waiting to be read.</source>
            <translation>{m} 张图片仍在等待识别。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/dialogs.py" line="60" />
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="145" />
            <source>&amp;Export…</source>
            <translation>导出(&amp;E)…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/dialogs.py" line="62" />
            <source>&amp;Quit without saving</source>
            <translation>不保存，退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/dialogs.py" line="80" />
            <source>Open images</source>
            <translation>打开图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/dialogs.py" line="87" />
            <source>Open a folder of images</source>
            <translation>打开图片文件夹</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/folder_watch.py" line="48" />
            <source>Watched folder</source>
            <translation>监视的文件夹</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/folder_watch.py" line="72" />
            <source>The folder {folder} cannot be watched.</source>
            <translation>无法监视文件夹 {folder}。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/folder_watch.py" line="76" />
            <source>Watching {folder}</source>
            <translation>正在监视 {folder}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/key_status.py" line="171" />
            <source>Automatic (checking the API key…)</source>
            <translation>自动（正在检查 API 密钥…）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/key_status.py" line="180" />
            <source>Checking the API key…</source>
            <translation>正在检查 API 密钥…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/key_status.py" line="184" />
            <source>Engine: {name}</source>
            <translation>引擎：{name}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/main_window.py" line="297" />
            <source>Your settings file could not be fully used:
{details}</source>
            <translation>你的设置文件无法完整使用：
{details}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/main_window.py" line="371" />
            <source>Paused: press Start to go on.</source>
            <translation>已暂停：点击“开始”继续。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/main_window.py" line="588" />
            <source>Settings open once the API key is checked…</source>
            <translation>API 密钥检查完成后将打开设置…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/main_window.py" line="679" />
            <source>Quit while reading?</source>
            <translation>正在识别，确定退出吗？</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/main_window.py" line="680" />
            <source>Images are still being read. Quit anyway? Unfinished images are not sent.</source>
            <translation>仍有图片正在识别。仍要退出吗？未完成的图片将不会发送。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/main_window.py" line="698" />
            <source>Quit without saving?</source>
            <translation>不保存就退出？</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_controller.py" line="144" />
            <source>Preparing the on-device reader…</source>
            <translation>正在准备本机识别引擎…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_controller.py" line="277" />
            <source>Results are kept in memory only: {reason}</source>
            <translation>结果只保存在内存中：{reason}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_controller.py" line="438" />
            <source>{name} is already in the queue.</source>
            <translation>{name} 已在队列中。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_controller.py" line="440" />
            <source>{n} files are already in the queue: {names}</source>
            <translation>{n} 个文件已在队列中：{names}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_merge.py" line="47" />
            <source>Select the two finished sides of one card to merge.</source>
            <translation>请选择同一张证件已完成识别的正反两面进行合并。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_merge.py" line="51" />
            <source>{name} is merged already: delete its merged row to merge it again.</source>
            <translation>{name} 已合并：要重新合并，请先删除它所在的合并行。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_merge.py" line="72" />
            <source>{a} + {b}</source>
            <translation>{a} + {b}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/restore_offer.py" line="42" />
            <source>Restore the last session</source>
            <translation>恢复上次会话</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/restore_offer.py" line="43" />
            <source>Restore the last session ({n} results)?</source>
            <translation>恢复上次会话（{n} 个结果）？</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/restore_offer.py" line="46" />
            <source>&amp;Restore</source>
            <translation>恢复(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/restore_offer.py" line="47" />
            <source>&amp;Discard</source>
            <translation>丢弃(&amp;D)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/restore_offer.py" line="59" />
            <source>Restored {n} result(s) from the last session.</source>
            <translation>已从上次会话恢复 {n} 个结果。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="29" />
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="46" />
            <source>PicToText cloud</source>
            <translation>PicToText 云端</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="31" />
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="47" />
            <source>On this computer</source>
            <translation>本机</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="37" />
            <source>Automatic (PicToText cloud, because a key is set)</source>
            <translation>自动（PicToText 云端，因为已设置 API 密钥）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="38" />
            <source>Automatic (PicToText cloud)</source>
            <translation>自动（PicToText 云端）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="39" />
            <source>Automatic (on this computer)</source>
            <translation>自动（本机）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="45" />
            <source>No key yet — set one in Settings</source>
            <translation>尚无密钥，请在设置中添加</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="46" />
            <source>Key: {masked}</source>
            <translation>密钥：{masked}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="48" />
            <source> (from PICTOTEXT_API_KEY)</source>
            <translation>（来自 PICTOTEXT_API_KEY）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="57" />
            <source>Reads with: {engine}</source>
            <translation>识别方式：{engine}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="59" />
            <source>Chinese ID cards are read on this computer; nothing is uploaded.</source>
            <translation>中国居民身份证在本机识别，不会上传任何内容。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="62" />
            <source>This document type is read by the PicToText cloud and needs a key (Ctrl+, opens Settings).</source>
            <translation>此证件类型由 PicToText 云端识别，需要 API 密钥（按 Ctrl+, 打开设置）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="76" />
            <source>Key is {days} days old: consider a new one (Settings)</source>
            <translation>密钥已使用 {days} 天，建议更换（设置）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="95" />
            <source>{n} waiting</source>
            <translation>等待 {n}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="95" />
            <source>{n} working</source>
            <translation>处理中 {n}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="96" />
            <source>{n} done</source>
            <translation>已完成 {n}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="96" />
            <source>{n} failed</source>
            <translation>失败 {n}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="98" />
            <source>{n} cancelled</source>
            <translation>{n} 已取消</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/status_text.py" line="103" />
            <source>Calls this session: {n}</source>
            <translation>本次调用：{n} 次</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="45" />
            <source>Automatic</source>
            <translation>自动</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="74" />
            <source>&amp;Document type:</source>
            <translation>证件类型(&amp;D)：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="81" />
            <source>Read &amp;with:</source>
            <translation>识别方式(&amp;W)：</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="83" />
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="218" />
            <source>Engine</source>
            <translation>识别引擎</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="136" />
            <source>Queue</source>
            <translation>队列</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="141" />
            <source>&amp;Open files…</source>
            <translation>打开文件(&amp;O)…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="143" />
            <source>Open &amp;folder…</source>
            <translation>打开文件夹(&amp;F)…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="147" />
            <source>Export the selected or all finished results</source>
            <translation>导出所选结果或全部已完成的结果</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="148" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="149" />
            <source>&amp;Paste image or files</source>
            <translation>粘贴图片或文件(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="150" />
            <source>Copy &amp;all fields</source>
            <translation>复制所有字段(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="152" />
            <source>Copy as spreadsheet &amp;row</source>
            <translation>复制为表格行(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="154" />
            <source>&amp;Settings…</source>
            <translation>设置(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="155" />
            <source>&amp;Start</source>
            <translation>开始(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="156" />
            <source>&amp;Pause</source>
            <translation>暂停(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="157" />
            <source>&amp;Cancel</source>
            <translation>取消(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="158" />
            <source>&amp;Retry failed</source>
            <translation>重试失败项(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="160" />
            <source>Re&amp;move</source>
            <translation>移除(&amp;M)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="162" />
            <source>C&amp;lear finished</source>
            <translation>清除已完成(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="165" />
            <source>Read &amp;again</source>
            <translation>重新识别(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="166" />
            <source>Send the selected images anew, though the same image was read before</source>
            <translation>重新发送所选图片，即使同一图片以前已识别过</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="167" />
            <source>&amp;Merge front and back</source>
            <translation>合并正反面(&amp;M)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="168" />
            <source>&amp;Undo remove</source>
            <translation>撤销移除(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="170" />
            <source>&amp;About PicToText Desktop</source>
            <translation>关于 PicToText Desktop(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="171" />
            <source>&amp;What leaves this computer</source>
            <translation>哪些数据会离开本机(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="173" />
            <source>Open &amp;log folder</source>
            <translation>打开日志文件夹(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="180" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="184" />
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="188" />
            <source>&amp;Queue</source>
            <translation>队列(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="193" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="219" />
            <source>API key</source>
            <translation>API 密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="220" />
            <source>Key rotation reminder</source>
            <translation>密钥更换提醒</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="221" />
            <source>Calls this session</source>
            <translation>本次调用次数</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_chrome.py" line="222" />
            <source>Queue counts</source>
            <translation>队列统计</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/window_intake.py" line="136" />
            <source>The clipboard holds no picture and no image files.</source>
            <translation>剪贴板中没有图片或图片文件。</translation>
        </message>
    </context>
    <context>
        <name>MaskPicker</name>
        <message>
            <location filename="../../pictotext_desktop/ui/mask_picker.py" line="26" />
            <source>ID numbers: keep the first 6 and last 4 (450103********8506)</source>
            <translation>证件号：保留前 6 位和后 4 位（450103********8506）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/mask_picker.py" line="27" />
            <source>ID numbers: keep the first 3 and last 3 (450************506)</source>
            <translation>证件号：保留前 3 位和后 3 位（450************506）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/mask_picker.py" line="28" />
            <source>ID numbers: hide the birth date digits</source>
            <translation>证件号：隐藏出生日期位</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/mask_picker.py" line="29" />
            <source>Names: keep the surname (韩**)</source>
            <translation>姓名：保留姓氏（韩**）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/mask_picker.py" line="30" />
            <source>Addresses: keep the province and city (广西壮族自治区南宁市****)</source>
            <translation>地址：保留省市（广西壮族自治区南宁市****）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/mask_picker.py" line="41" />
            <source>Masking</source>
            <translation>脱敏</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/mask_picker.py" line="52" />
            <source>Standard</source>
            <translation>标准</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/mask_picker.py" line="53" />
            <source>ID numbers keep the first 6 and last 4, names the surname, addresses the province and city</source>
            <translation>证件号保留前 6 位和后 4 位，姓名保留姓氏，地址保留省市</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/mask_picker.py" line="56" />
            <source>No masking</source>
            <translation>不脱敏</translation>
        </message>
    </context>
    <context>
        <name>PersonNotes</name>
        <message>
            <location filename="../../pictotext_desktop/ui/person_notes.py" line="33" />
            <source>This person was read on {date} ({name})</source>
            <translation>此人已于 {date} 识别过（{name}）</translation>
        </message>
    </context>
    <context>
        <name>PrivacyDialog</name>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="46" />
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="50" />
            <source>What leaves this computer</source>
            <translation>哪些数据会离开本机</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="60" />
            <source>Read the full account (docs/privacy.md)</source>
            <translation>阅读完整说明（docs/privacy.md）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="72" />
            <source>PicToText cloud</source>
            <translation>PicToText 云端</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="73" />
            <source>Reads all 44 document types. For each image the app sends one HTTPS request to the PicToText server set in Settings, with three things in it: the image, the document type and your API key.</source>
            <translation>可识别全部 44 种证件。每张图片，应用会向设置中指定的 PicToText 服务器发送一次 HTTPS 请求，其中只包含三样东西：图片、证件类型和你的 API 密钥。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="76" />
            <source>The image sent is a new copy, not your file: turned upright, shrunk (2048 pixels on the long side by default) and re-encoded without EXIF, GPS location, camera details or thumbnails. Its file name is your file's name reduced to ASCII letters and digits.</source>
            <translation>发送的是重新生成的图片，而不是你的原文件：已摆正方向、缩小（默认长边 2048 像素），并重新编码，不含 EXIF、GPS 位置、相机信息或缩略图。其文件名是你的文件名中保留的 ASCII 字母和数字部分。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="80" />
            <source>Certificates are always checked; plain http:// is refused except for this computer itself. What PicToText keeps is described in PicToText's own privacy policy.</source>
            <translation>始终验证证书；除本机地址外，拒绝使用不加密的 http://。PicToText 会保留哪些数据，请参阅 PicToText 自己的隐私政策。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="84" />
            <source>On this computer</source>
            <translation>本机识别</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="85" />
            <source>Chinese ID cards can be read on this computer: then nothing leaves it. The reading models ship with the app and are never downloaded.</source>
            <translation>中国居民身份证可以在本机识别，此时没有任何数据离开本机。识别模型随应用一起提供，从不下载。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="87" />
            <source>With the engine set to Automatic, Chinese ID cards are read on this computer when no API key is set; other document types need the cloud, and the app says so instead of sending anything.</source>
            <translation>引擎设为“自动”时，如果未设置 API 密钥，身份证会在本机识别；其他证件类型需要云端，应用会先告诉你，而不会发送任何数据。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="91" />
            <source>The fields read</source>
            <translation>识别出的字段</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="92" />
            <source>Go only to you: the window, the clipboard when you copy, files you export, and the window's encrypted store on this computer.</source>
            <translation>只提供给您：窗口、复制时的剪贴板、您导出的文件，以及窗口在本机的加密存储。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="95" />
            <source>Saved results and history</source>
            <translation>保存的结果与历史记录</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="96" />
            <source>By default the window keeps the results of the last session in one encrypted file (results.db in the app's data folder), so a crash loses nothing; they are deleted once the next start has offered them back and you restored or declined them. With “Keep results on this computer” set to No, nothing is written at all.</source>
            <translation>默认情况下，窗口会把上一次会话的结果保存在一个加密文件中（应用数据文件夹中的 results.db），这样程序崩溃也不会丢失任何结果；下次启动提示恢复、您选择恢复或放弃之后即被删除。若将“在本机保存结果”设为“不保存”，则不写入任何内容。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="101" />
            <source>A searchable history is off by default. Turned on (Settings → Privacy and history), every successful result is kept, encrypted, for the days set there (30 by default, 1 to 3650); older ones are deleted at start and once a day, and Delete all history deletes them at once.</source>
            <translation>可搜索的历史记录默认关闭。开启后（设置 → 隐私与历史记录），每个成功的结果都会加密保存所设定的天数（默认 30 天，可设 1 至 3650 天）；更早的记录会在启动时及每天一次被删除，“删除全部历史记录”可立即删除。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="106" />
            <source>Every value, name, ID number and file name in the file is encrypted with a key kept in the system keyring. To search by name or number and to say “this person was read on …”, the file keeps keyed hashes of them, never the values. Without a keyring nothing is kept.</source>
            <translation>文件中的每个值、姓名、证件号码和文件名都使用保存在系统密钥环中的密钥加密。为了按姓名或号码搜索、以及提示“此人已于……识别过”，文件只保存它们的带密钥哈希值，从不保存原值。没有系统密钥环时不保存任何内容。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="112" />
            <source>Masking</source>
            <translation>脱敏</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="113" />
            <source>Masking hides parts of ID numbers, names and addresses in what the window shows and copies (Settings → Privacy and history; none by default; Show reveals one value) and in exports (the Export dialog). The checks run on the full values, and a masked file says which masking it used.</source>
            <translation>脱敏会隐藏证件号码、姓名和地址的部分内容，适用于窗口显示和复制的内容（设置 → 隐私与历史记录；默认不脱敏；“显示”可查看单个完整值）以及导出的文件（导出对话框）。校验基于完整值进行，脱敏后的文件会注明所用的脱敏方式。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="119" />
            <source>Your API key</source>
            <translation>你的 API 密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="120" />
            <source>Stored only in the system keyring (or taken from an environment variable, or kept for this session only); never in a plain file. It is sent only to the PicToText server, over HTTPS. Everywhere else the app shows only its last 4 characters.</source>
            <translation>只保存在系统密钥环中（或取自环境变量，或仅在本次会话中使用），绝不以明文文件保存。它只通过 HTTPS 发送给 PicToText 服务器。其他任何地方，应用只显示它的最后 4 位。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="125" />
            <source>The log file</source>
            <translation>日志文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="126" />
            <source>A rotating log on this computer (Help → Open log folder) holds versions, which engine and document type were used, HTTP status and reason codes, timings, image sizes and error details.</source>
            <translation>本机上的滚动日志（帮助 → 打开日志文件夹）记录版本信息、使用的引擎和证件类型、HTTP 状态码和原因代码、耗时、图片尺寸以及错误详情。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="129" />
            <source>It never holds field values, API keys or images; ID numbers and keys are removed from every line, even by accident.</source>
            <translation>日志中绝不包含字段值、API 密钥或图片；即使意外写入，每一行中的证件号码和密钥也会被删除。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="132" />
            <source>Reports</source>
            <translation>报告</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/privacy_dialog.py" line="133" />
            <source>Nothing is sent automatically: no telemetry, no crash upload, no update check. A support report or crash report is text you copy and choose to send. It contains versions, the error and technical details, and at most the key's last 4 characters; never an image or a field value.</source>
            <translation>不会自动发送任何内容：没有遥测、不上传崩溃信息、不检查更新。诊断报告和崩溃报告是由你复制并决定是否发送的文本，其中包含版本信息、错误和技术详情，最多包含密钥的最后 4 位，绝不包含图片或字段值。</translation>
        </message>
    </context>
    <context>
        <name>ProblemLine</name>
        <message>
            <location filename="../../pictotext_desktop/ui/problem_line.py" line="68" />
            <source>Problem: </source>
            <translation>问题：</translation>
        </message>
    </context>
    <context>
        <name>QueuePause</name>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_pause.py" line="83" />
            <source>Queue paused</source>
            <translation>队列已暂停</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_pause.py" line="87" />
            <source>Paused</source>
            <translation>已暂停</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_pause.py" line="101" />
            <source>Resu&amp;me</source>
            <translation>继续(&amp;M)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_pause.py" line="102" />
            <source>Send the waiting images now (Ctrl+Return)</source>
            <translation>立即发送等待中的图片（Ctrl+Return）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_pause.py" line="103" />
            <source>Open Se&amp;ttings</source>
            <translation>打开设置(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_pause.py" line="121" />
            <source>Queue paused: press Resume or Start to go on.</source>
            <translation>队列已暂停：按“继续”或“开始”以继续。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_pause.py" line="124" />
            <source>Queue paused: {reason}</source>
            <translation>队列已暂停：{reason}</translation>
        </message>
        <message numerus="yes">
            <location filename="../../pictotext_desktop/ui/queue_pause.py" line="126" />
            <source>%n image(s) waiting.</source>
            <translation>
                <numerusform>%n 张图片等待中。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QueueView</name>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="144" />
            <source>1 problem</source>
            <translation>1 个问题</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="144" />
            <source>{n} problems</source>
            <translation>{n} 个问题</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="154" />
            <source>{name}, {status}</source>
            <translation>{name}，{status}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="157" />
            <source>; </source>
            <translation>；</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="158" />
            <source>{row}: {problems}</source>
            <translation>{row}：{problems}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="170" />
            <source>done, {count}</source>
            <translation>完成，{count}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="172" />
            <source>done, nothing read</source>
            <translation>完成，未识别到任何内容</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="174" />
            <source>waiting</source>
            <translation>等待中</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="175" />
            <source>preparing</source>
            <translation>准备中</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="176" />
            <source>sending</source>
            <translation>发送中</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="177" />
            <source>done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="178" />
            <source>failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="179" />
            <source>not sent</source>
            <translation>未发送</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="180" />
            <source>cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="190" />
            <source>waiting (paused: {reason})</source>
            <translation>等待中（已暂停：{reason}）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="232" />
            <source>Image</source>
            <translation>图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="232" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="232" />
            <source>Progress</source>
            <translation>进度</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="408" />
            <source>Queue</source>
            <translation>队列</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/queue_view.py" line="431" />
            <source>Arrow keys move between images; F8 goes to the next problem.</source>
            <translation>用方向键在图片之间移动；按 F8 跳到下一个问题。</translation>
        </message>
    </context>
    <context>
        <name>ResultView</name>
        <message>
            <location filename="../../pictotext_desktop/ui/field_rows.py" line="82" />
            <location filename="../../pictotext_desktop/ui/field_rows.py" line="118" />
            <location filename="../../pictotext_desktop/ui/result_view.py" line="494" />
            <source>not read</source>
            <translation>未识别</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/field_rows.py" line="85" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/field_rows.py" line="87" />
            <source>Copy this value</source>
            <translation>复制此值</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/field_rows.py" line="88" />
            <location filename="../../pictotext_desktop/ui/field_rows.py" line="119" />
            <source>Copy {label}</source>
            <translation>复制{label}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="21" />
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="22" />
            <source>Document code</source>
            <translation>证件代码</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="23" />
            <source>Issuing state</source>
            <translation>签发国</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="24" />
            <source>Document number</source>
            <translation>证件号码</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="25" />
            <source>Surname</source>
            <translation>姓</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="26" />
            <source>Given names</source>
            <translation>名</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="27" />
            <source>Nationality</source>
            <translation>国籍</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="28" />
            <source>Birth date (YYMMDD)</source>
            <translation>出生日期（YYMMDD）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="29" />
            <source>Sex</source>
            <translation>性别</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="30" />
            <source>Expiry date (YYMMDD)</source>
            <translation>有效期至（YYMMDD）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="31" />
            <source>Optional data</source>
            <translation>可选数据</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="32" />
            <source>Optional data (line 2)</source>
            <translation>可选数据（第 2 行）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="55" />
            <source>{part}: {value}</source>
            <translation>{part}：{value}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="58" />
            <source>(check digit does not match)</source>
            <translation>（校验位不符）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="60" />
            <source>(a look-alike character was corrected)</source>
            <translation>（已更正形近字符）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/multiline.py" line="63" />
            <source>The whole zone's check digit does not match.</source>
            <translation>整个机读区的复合校验位不符。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="109" />
            <source>Error</source>
            <translation>错误</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="109" />
            <source>Warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="110" />
            <source>Note</source>
            <translation>提示</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="116" />
            <source>Error: {message}</source>
            <translation>错误：{message}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="117" />
            <source>Warning: {message}</source>
            <translation>警告：{message}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="118" />
            <source>Note: {message}</source>
            <translation>提示：{message}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="121" />
            <source>Maybe: {s}</source>
            <translation>可能是：{s}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="189" />
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="195" />
            <location filename="../../pictotext_desktop/ui/result_view.py" line="290" />
            <source>Select an item to see what was read.</source>
            <translation>选择一项即可查看识别结果。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="203" />
            <source>Rotate left and read again</source>
            <translation>向左旋转并重新识别</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="204" />
            <source>Rotate left</source>
            <translation>向左旋转</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="207" />
            <source>Rotate right and read again</source>
            <translation>向右旋转并重新识别</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="208" />
            <source>Rotate right</source>
            <translation>向右旋转</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="212" />
            <location filename="../../pictotext_desktop/ui/result_view.py" line="214" />
            <source>Copy all</source>
            <translation>全部复制</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="213" />
            <source>Copy all fields as “Label: value” lines</source>
            <translation>将所有字段复制为“名称：值”格式的多行文本</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="216" />
            <location filename="../../pictotext_desktop/ui/result_view.py" line="218" />
            <source>Copy as row</source>
            <translation>复制为表格行</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="217" />
            <source>Copy as one tab-separated row for a spreadsheet</source>
            <translation>复制为一行以制表符分隔的文本，可直接粘贴到表格</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="227" />
            <source>Last action</source>
            <translation>上一步操作</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="303" />
            <source>Not read yet.</source>
            <translation>尚未识别。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="323" />
            <source>No preview</source>
            <translation>无预览</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="389" />
            <source>Show more fields ({n} not shown yet)</source>
            <translation>显示更多字段（还有 {n} 个未显示）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="475" />
            <source>{label}, read out</source>
            <translation>{label}（解析结果）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="492" />
            <source>edited</source>
            <translation>已编辑</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="496" />
            <source>too long to edit here ({n} characters, shown shortened; Copy and Export use all of it)</source>
            <translation>太长，无法在此编辑（{n} 个字符，仅显示开头；复制和导出使用完整内容）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="545" />
            <source>Use {value}</source>
            <translation>改用 {value}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="546" />
            <source>Use {value} for {label}</source>
            <translation>{label} 改用 {value}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="548" />
            <source>Put the suggested value in the field (Alt+Enter)</source>
            <translation>把建议的值填入此字段（Alt+Enter）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="561" />
            <source>{label} set to the suggested value</source>
            <translation>{label} 已改为建议的值</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="661" />
            <source>Masked ({preset}); press Show to see the whole value</source>
            <translation>已脱敏（{preset}）；按“显示”查看完整值</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="669" />
            <source>Hide</source>
            <translation>隐藏</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="669" />
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="670" />
            <source>Show this value whole (masked by the setting Mask shown values); Copy then copies it whole too</source>
            <translation>显示此项的完整值（由“脱敏显示”设置遮蔽）；此后“复制”也复制完整值</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="672" />
            <source>Show or hide {label}</source>
            <translation>显示或隐藏{label}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="729" />
            <source>Copied {label}</source>
            <translation>已复制{label}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="731" />
            <source>{label} is empty: nothing copied</source>
            <translation>{label}为空：未复制任何内容</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="738" />
            <source>Copied all fields</source>
            <translation>已复制全部字段</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/result_view.py" line="746" />
            <source>Copied as a spreadsheet row</source>
            <translation>已复制为表格行</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="407" />
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="408" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="411" />
            <source>Settings sections</source>
            <translation>设置分类</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="412" />
            <source>API keys</source>
            <translation>API 密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="424" />
            <source>Dialog buttons</source>
            <translation>对话框按钮</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="445" />
            <source>Key storage</source>
            <translation>密钥存储</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="448" />
            <source>Key storage problem</source>
            <translation>密钥存储问题</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="449" />
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="450" />
            <source>Check the keyring again</source>
            <translation>重新检查密钥环</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="469" />
            <source>Keys are stored in: %1</source>
            <translation>密钥存储位置：%1</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="473" />
            <source>No secure key storage found (%1).</source>
            <translation>未找到安全的密钥存储（%1）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="475" />
            <source>Until then, paste a key and press 'Use for this session only'.</source>
            <translation>在此之前，可以粘贴密钥并点击“仅本次运行使用”。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="490" />
            <source>Connection</source>
            <translation>连接</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="491" />
            <source>Recognition</source>
            <translation>识别</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="492" />
            <source>Upload</source>
            <translation>上传</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="493" />
            <source>Workflow</source>
            <translation>工作流程</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="494" />
            <source>Privacy and history</source>
            <translation>隐私与历史记录</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="495" />
            <source>Appearance</source>
            <translation>外观</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="496" />
            <source>General</source>
            <translation>常规</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="501" />
            <source>Server address</source>
            <translation>服务器地址</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="502" />
            <source>Extra CA certificates</source>
            <translation>额外的 CA 证书</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="503" />
            <source>Connection timeout (s)</source>
            <translation>连接超时（秒）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="504" />
            <source>Answer timeout (s)</source>
            <translation>响应超时（秒）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="505" />
            <source>Requests per second</source>
            <translation>每秒请求数</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="506" />
            <source>Images sent at the same time</source>
            <translation>同时发送的图片数</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="507" />
            <source>Engine</source>
            <translation>识别引擎</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="508" />
            <source>Upload long side (pixels)</source>
            <translation>上传图片长边（像素）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="509" />
            <source>Upload format</source>
            <translation>上传格式</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="510" />
            <source>JPEG quality</source>
            <translation>JPEG 质量</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="511" />
            <source>Largest image (megapixels)</source>
            <translation>图片像素上限（百万像素）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="512" />
            <source>Start automatically</source>
            <translation>自动开始</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="513" />
            <source>Copy results automatically</source>
            <translation>自动复制结果</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="514" />
            <source>Merge front and back</source>
            <translation>合并正反面</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="515" />
            <source>Keep results on this computer</source>
            <translation>在本机保存结果</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="516" />
            <source>Keep history for (days)</source>
            <translation>历史记录保留（天）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="517" />
            <source>Mask shown values</source>
            <translation>脱敏显示</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="518" />
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="638" />
            <source>Watch a folder</source>
            <translation>监视文件夹</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="519" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="520" />
            <source>Colours</source>
            <translation>颜色</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="521" />
            <source>Log detail</source>
            <translation>日志详细程度</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="528" />
            <source>Automatic</source>
            <translation>自动</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="529" />
            <source>PicToText cloud</source>
            <translation>PicToText 云端</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="530" />
            <source>On this computer</source>
            <translation>本机</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="531" />
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="535" />
            <source>Same as the system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="536" />
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="537" />
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="541" />
            <source>Debug (most detail)</source>
            <translation>调试（最详细）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="542" />
            <source>Normal</source>
            <translation>普通</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="543" />
            <source>Warnings and errors only</source>
            <translation>仅警告和错误</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="544" />
            <source>Errors only</source>
            <translation>仅错误</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="545" />
            <source>No (nothing is written)</source>
            <translation>不保存（不写入任何内容）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="546" />
            <source>The last session, encrypted</source>
            <translation>保存上次会话（加密）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="547" />
            <source>A searchable history, encrypted</source>
            <translation>可搜索的历史记录（加密）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="566" />
            <source>Problem with %1</source>
            <translation>%1 有问题</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="623" />
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="643" />
            <source>Takes effect after restarting the app.</source>
            <translation>重新启动应用后生效。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="686" />
            <source>“%1” is not a server address such as https://pictotext.io.</source>
            <translation>“%1”不是有效的服务器地址（例如 https://pictotext.io）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="689" />
            <source>%1 uses plain http://. Use https://; http:// is allowed only for this computer's own addresses (localhost, 127.0.0.1, ::1).</source>
            <translation>%1 使用了不加密的 http://。请使用 https://；http:// 仅允许用于本机地址（localhost、127.0.0.1、::1）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="693" />
            <source>The CA bundle %1 does not exist.</source>
            <translation>CA 证书包 %1 不存在。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/settings_dialog.py" line="695" />
            <source>The folder %1 does not exist.</source>
            <translation>文件夹 %1 不存在。</translation>
        </message>
    </context>
    <context>
        <name>UndoBar</name>
        <message>
            <location filename="../../pictotext_desktop/ui/undo_bar.py" line="25" />
            <source>Undo removal</source>
            <translation>撤销移除</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/undo_bar.py" line="29" />
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/undo_bar.py" line="30" />
            <source>Put the removed results back (Ctrl+Z)</source>
            <translation>恢复已移除的结果（Ctrl+Z）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/undo_bar.py" line="33" />
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/ui/undo_bar.py" line="48" />
            <source>Removed {n} result(s)</source>
            <translation>已移除 {n} 个结果</translation>
        </message>
    </context>
    <context>
        <name>credentials</name>
        <message>
            <location filename="../../pictotext_desktop/credentials.py" line="75" />
            <source>Install and unlock a Secret Service keyring: GNOME Keyring (package gnome-keyring) or KWallet, and make sure it runs in your desktop session (log out and in again after installing). On a server without a desktop, start one with `dbus-run-session` and `gnome-keyring-daemon --unlock`, or set the PICTOTEXT_API_KEY environment variable instead.</source>
            <translation>请安装并解锁一个 Secret Service 密钥环：GNOME Keyring（软件包 gnome-keyring）或 KWallet，并确保它在桌面会话中运行（安装后请注销并重新登录）。在没有桌面的服务器上，可以用 `dbus-run-session` 和 `gnome-keyring-daemon --unlock` 启动一个，或改为设置环境变量 PICTOTEXT_API_KEY。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/credentials.py" line="82" />
            <source>Open Keychain Access and make sure the login keychain is unlocked, then try again. If the app asked for access, choose Allow or Always Allow.</source>
            <translation>请打开“钥匙串访问”，确认登录钥匙串已解锁，然后重试。如果应用请求访问权限，请选择“允许”或“始终允许”。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/credentials.py" line="86" />
            <source>The key is kept in Windows Credential Manager. Make sure you are signed in to a normal user account (not a restricted or temporary profile) and that Credential Manager opens from the Control Panel.</source>
            <translation>密钥保存在 Windows 凭据管理器中。请确认你登录的是普通用户账户（不是受限或临时配置文件），并且可以从控制面板打开凭据管理器。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/credentials.py" line="93" />
            <source>Unlock your keyring (GNOME Keyring or KWallet) when it asks for your password, then try again. If you dismissed the prompt, try again and enter the password.</source>
            <translation>在系统要求输入密码时解锁密钥环（GNOME Keyring 或 KWallet），然后重试。如果关闭了提示框，请重试并输入密码。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/credentials.py" line="97" />
            <source>Unlock the login keychain in Keychain Access, then try again.</source>
            <translation>请在“钥匙串访问”中解锁登录钥匙串，然后重试。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/credentials.py" line="98" />
            <source>Sign in to Windows again so Credential Manager is available, then try again.</source>
            <translation>请重新登录 Windows 以便使用凭据管理器，然后重试。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/credentials.py" line="122" />
            <source>This key does not start with sk_ or sk-, as PicToText keys usually do. It was accepted anyway; use Test to check it.</source>
            <translation>PicToText 密钥通常以 sk_ 或 sk- 开头，但此密钥不是。密钥仍已接受；可点击“测试”进行检查。</translation>
        </message>
    </context>
    <context>
        <name>engines.local</name>
        <message>
            <location filename="../../pictotext_desktop/engines/local.py" line="46" />
            <source>Preparing the on-device reader…</source>
            <translation>正在准备本机识别引擎…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/engines/local.py" line="47" />
            <source>The on-device reader is ready.</source>
            <translation>本机识别引擎已就绪。</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="75" />
            <source>Something went wrong</source>
            <translation>出了点问题</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="76" />
            <source>PicToText Desktop could not finish this job.</source>
            <translation>PicToText Desktop 无法完成此任务。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="77" />
            <source>Try again. If it keeps happening, copy the support report.</source>
            <translation>请重试。如果问题反复出现，请复制诊断报告。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="149" />
            <source>No PicToText API key yet</source>
            <translation>尚未设置 PicToText API 密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="150" />
            <source>Reading this document type in the cloud needs a PicToText API key.</source>
            <translation>在云端识别此证件类型需要 PicToText API 密钥。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="151" />
            <source>Open Settings and paste your key (create one in the PicToText dashboard under API Keys), or set the PICTOTEXT_API_KEY environment variable.</source>
            <translation>请打开设置并粘贴密钥（可在 PicToText 控制台的“API Keys”中创建），或设置环境变量 PICTOTEXT_API_KEY。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="162" />
            <source>This API key cannot be right</source>
            <translation>此 API 密钥格式有误</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="163" />
            <source>The key contains spaces or line breaks inside it, so it would be sent as a broken header. Keys are one unbroken string such as sk_live_…</source>
            <translation>密钥中间含有空格或换行，发送时会形成损坏的请求头。密钥应为一串连续字符，例如 sk_live_…</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="167" />
            <source>Copy the key again from the PicToText dashboard and paste it on its own.</source>
            <translation>请从 PicToText 控制台重新复制密钥，并单独粘贴。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="174" />
            <source>PicToText did not accept the sign-in header</source>
            <translation>PicToText 未接受身份验证请求头</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="175" />
            <source>The server says the Authorization header was missing or malformed. This usually means the stored key is empty or damaged.</source>
            <translation>服务器表示 Authorization 请求头缺失或格式错误。这通常说明保存的密钥为空或已损坏。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="179" />
            <source>Open Settings, remove the key and paste it again.</source>
            <translation>请打开设置，移除密钥后重新粘贴。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="186" />
            <source>Your API key was not accepted</source>
            <translation>API 密钥未被接受</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="187" />
            <source>PicToText says this key is invalid or no longer active.</source>
            <translation>PicToText 表示此密钥无效或已停用。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="188" />
            <source>Check the key in the PicToText dashboard (API Keys). If it was revoked, create a new one and paste it in Settings.</source>
            <translation>请在 PicToText 控制台（API Keys）中检查密钥。如果密钥已被撤销，请创建新密钥并粘贴到设置中。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="198" />
            <source>Your API key has been disabled</source>
            <translation>API 密钥已被禁用</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="199" />
            <source>PicToText has disabled this key.</source>
            <translation>PicToText 已禁用此密钥。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="200" />
            <source>Create a new key in the PicToText dashboard and paste it in Settings, or contact support@pictotext.io.</source>
            <translation>请在 PicToText 控制台创建新密钥并粘贴到设置中，或联系 support@pictotext.io。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="210" />
            <source>Please verify your email address</source>
            <translation>请验证邮箱地址</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="211" />
            <source>PicToText needs a verified email address before the API can be used.</source>
            <translation>需要先验证邮箱地址，才能使用 PicToText API。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="212" />
            <source>Open the verification email from PicToText (check spam), or resend it from the dashboard. Then press Retry.</source>
            <translation>请打开 PicToText 发送的验证邮件（也请查看垃圾邮件），或在控制台重新发送，然后点击“重试”。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="222" />
            <source>Your PicToText plan does not allow API calls</source>
            <translation>你的 PicToText 套餐不支持 API 调用</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="223" />
            <source>The account behind this key has no plan that includes API access, or its billing needs attention.</source>
            <translation>此密钥所属的账户没有包含 API 访问权限的套餐，或账单需要处理。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="227" />
            <source>Open the PicToText dashboard to choose a plan or fix the payment method.</source>
            <translation>请打开 PicToText 控制台选择套餐，或更新付款方式。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="234" />
            <source>You are out of PicToText credits</source>
            <translation>PicToText 额度已用完</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="235" />
            <source>This month's included calls and your prepaid credits are used up, so PicToText refused the request. Nothing was charged.</source>
            <translation>本月套餐内的调用次数和预付额度均已用完，因此 PicToText 拒绝了请求。本次未扣费。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="239" />
            <source>Buy a credit pack or upgrade your plan in the PicToText dashboard, then press Retry. Images not yet sent are kept waiting.</source>
            <translation>请在 PicToText 控制台购买额度包或升级套餐，然后点击“重试”。尚未发送的图片会继续等待。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="252" />
            <source>The image did not reach PicToText</source>
            <translation>图片未送达 PicToText</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="253" />
            <source>The server says the request had no image file in it.</source>
            <translation>服务器表示请求中没有图片文件。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="254" />
            <source>Try again. If it keeps happening, copy the support report and send it to us.</source>
            <translation>请重试。如果问题反复出现，请复制诊断报告并发送给我们。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="261" />
            <source>PicToText does not accept this kind of image</source>
            <translation>PicToText 不接受此类图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="262" />
            <source>The server accepts JPEG, PNG, WebP, HEIC and HEIF images only.</source>
            <translation>服务器仅接受 JPEG、PNG、WebP、HEIC 和 HEIF 格式的图片。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="263" />
            <source>Save the picture as JPEG or PNG and add it again.</source>
            <translation>请将图片另存为 JPEG 或 PNG 后重新添加。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="280" />
            <source>PicToText does not know this document type</source>
            <translation>PicToText 不支持此证件类型</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="281" />
            <source>The document type sent was missing or is not one the service supports.</source>
            <translation>请求中缺少证件类型，或该类型不受服务支持。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="282" />
            <source>Choose the document type from the list and try again.</source>
            <translation>请从列表中选择证件类型后重试。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="289" />
            <source>The image is too large</source>
            <translation>图片太大</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="290" />
            <source>PicToText accepts images of at most 10 MB.</source>
            <translation>PicToText 只接受不超过 10 MB 的图片。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="291" />
            <source>Turn off 'keep original size' in Settings so the app can shrink it.</source>
            <translation>请在设置中关闭“保持原始尺寸”，以便应用缩小图片。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="300" />
            <source>PicToText could not use this image</source>
            <translation>PicToText 无法使用此图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="301" />
            <source>The server rejected the picture (too small, damaged, or unreadable).</source>
            <translation>服务器拒绝了这张图片（太小、已损坏或无法读取）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="302" />
            <source>Take a sharper, larger photo of the whole document and try again.</source>
            <translation>请拍一张更清晰、更大的完整证件照片，然后重试。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="310" />
            <source>PicToText refused the request</source>
            <translation>PicToText 拒绝了请求</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="311" />
            <source>The server refused this request for a reason the app does not know.</source>
            <translation>服务器拒绝了此请求，原因未知。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="312" />
            <source>Check for an update of PicToText Desktop, or copy the support report.</source>
            <translation>请检查 PicToText Desktop 是否有更新，或复制诊断报告。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="330" />
            <source>PicToText could not read the image this time</source>
            <translation>PicToText 这次未能识别图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="331" />
            <source>The recognition service failed while processing this image.</source>
            <translation>识别服务在处理此图片时出错。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="332" />
            <source>Press Retry in a moment. If it keeps failing, try a sharper photo.</source>
            <translation>请稍后点击“重试”。如果仍然失败，请换一张更清晰的照片。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="345" />
            <source>PicToText had an internal error</source>
            <translation>PicToText 内部错误</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="346" />
            <source>Something failed on PicToText's side; your image is fine.</source>
            <translation>PicToText 服务端出现故障，你的图片没有问题。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="347" />
            <source>Press Retry in a minute. If it persists, copy the support report.</source>
            <translation>请一分钟后点击“重试”。如果问题仍然存在，请复制诊断报告。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="355" />
            <source>PicToText is temporarily unavailable</source>
            <translation>PicToText 暂时无法使用</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="356" />
            <source>The service is down or under maintenance right now.</source>
            <translation>服务当前已中断或正在维护。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="357" />
            <source>Wait a few minutes and press Retry.</source>
            <translation>请等待几分钟后点击“重试”。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="365" />
            <source>Too many requests</source>
            <translation>请求过于频繁</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="366" />
            <source>PicToText asked the app to slow down and it kept being refused.</source>
            <translation>PicToText 要求应用降低请求频率，请求多次被拒绝。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="367" />
            <source>Wait a moment and press Retry, or lower 'requests per second' in Settings.</source>
            <translation>请稍等片刻后点击“重试”，或在设置中调低“每秒请求数”。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="376" />
            <source>PicToText sent an answer the app does not understand</source>
            <translation>PicToText 返回了无法识别的响应</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="377" />
            <source>The reply was not in the expected format (for example an error page from a proxy).</source>
            <translation>响应格式不符合预期（例如代理服务器返回的错误页面）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="380" />
            <source>Check that the server address in Settings is right, then Retry. If a company proxy is in the way, ask your IT team.</source>
            <translation>请检查设置中的服务器地址是否正确，然后重试。如果网络经过公司代理，请联系 IT 部门。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="391" />
            <source>PicToText answered with a redirect</source>
            <translation>PicToText 返回了重定向</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="392" />
            <source>The server tried to send the request somewhere else. PicToText never does that, so the app did not follow it and nothing was sent again.</source>
            <translation>服务器试图把请求转到别处。PicToText 从不这样做，因此应用没有跟随重定向，也没有再次发送任何内容。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="396" />
            <source>Check the server address in Settings. If a company proxy or captive portal is in the way, ask your IT team.</source>
            <translation>请检查设置中的服务器地址。如果网络经过公司代理或登录认证页面，请联系 IT 部门。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="407" />
            <source>PicToText's answer was too large</source>
            <translation>PicToText 的响应过大</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="408" />
            <source>The answer was far larger than any real one, so the app stopped reading it.</source>
            <translation>响应远大于任何正常响应，因此应用已停止读取。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="409" />
            <source>Check the server address in Settings, then Retry.</source>
            <translation>请检查设置中的服务器地址，然后重试。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="419" />
            <source>PicToText took too long to answer</source>
            <translation>PicToText 响应超时</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="420" />
            <source>No answer arrived in time. The network may be slow or the service busy.</source>
            <translation>未能及时收到响应。可能是网络较慢或服务繁忙。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="421" />
            <source>Press Retry. On a slow connection, raise the read timeout in Settings.</source>
            <translation>请点击“重试”。如果网络较慢，可在设置中调高响应超时。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="428" />
            <source>Couldn't reach PicToText</source>
            <translation>无法连接 PicToText</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="429" />
            <source>This computer could not connect to the PicToText server. It may be offline, or a firewall or proxy may block it.</source>
            <translation>此电脑无法连接到 PicToText 服务器。可能未联网，或被防火墙或代理拦截。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="433" />
            <source>Check the internet connection, then press Retry.</source>
            <translation>请检查网络连接，然后点击“重试”。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="437" />
            <source>The connection to PicToText could not be opened in time.</source>
            <translation>未能及时连接到 PicToText。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="438" />
            <source>The connection to PicToText was dropped before an answer arrived.</source>
            <translation>收到回复前，与 PicToText 的连接已断开。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="443" />
            <source>Couldn't find the PicToText server</source>
            <translation>找不到 PicToText 服务器</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="444" />
            <source>The server's name could not be looked up: the computer may be offline.</source>
            <translation>无法解析服务器域名：电脑可能未联网。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="445" />
            <source>Check the internet connection and the server address in Settings.</source>
            <translation>请检查网络连接和设置中的服务器地址。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="452" />
            <source>The secure connection to PicToText could not be verified</source>
            <translation>无法验证与 PicToText 的安全连接</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="453" />
            <source>The server's certificate was not trusted, so nothing was sent. A company proxy that inspects HTTPS traffic often causes this.</source>
            <translation>服务器证书不受信任，因此未发送任何内容。这通常是由检查 HTTPS 流量的公司代理引起的。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="457" />
            <source>Ask your IT team for the proxy's CA certificate and set it as the CA bundle in Settings. Never turn verification off.</source>
            <translation>请向 IT 部门索取代理的 CA 证书，并在设置中将其设为 CA 证书包。切勿关闭证书验证。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="472" />
            <source>The server address must use https://</source>
            <translation>服务器地址必须使用 https://</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="473" />
            <source>Identity documents are only sent over an encrypted connection. Plain http:// is allowed for this computer's own addresses (localhost, 127.0.0.1, ::1) only.</source>
            <translation>证件只通过加密连接发送。只有本机地址（localhost、127.0.0.1、::1）允许使用未加密的 http://。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="477" />
            <source>Use an https:// address.</source>
            <translation>请使用 https:// 地址。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="483" />
            <source>The server address is not valid</source>
            <translation>服务器地址无效</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="484" />
            <source>The server address could not be understood.</source>
            <translation>无法识别该服务器地址。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="485" />
            <source>Use an address such as https://pictotext.io.</source>
            <translation>请使用类似 https://pictotext.io 的地址。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="494" />
            <source>Not sent</source>
            <translation>未发送</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="495" />
            <source>This image was not sent because an earlier error stopped the batch.</source>
            <translation>之前的错误中止了本批任务，因此此图片未发送。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="496" />
            <source>Fix the problem shown for the batch, then start it again.</source>
            <translation>请先解决本批任务提示的问题，然后重新开始。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="503" />
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="504" />
            <source>Reading this image was cancelled before PicToText's answer arrived.</source>
            <translation>在 PicToText 的响应到达之前，识别这张图片已被取消。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="505" />
            <source>Start it again when you are ready.</source>
            <translation>准备好后请重新开始。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="520" />
            <source>That cannot be done</source>
            <translation>无法执行此操作</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="521" />
            <source>The request was not valid.</source>
            <translation>请求无效。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="522" />
            <source>See --help for the options.</source>
            <translation>请查看 --help 了解可用选项。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="528" />
            <source>The on-device reader is not available</source>
            <translation>本机识别引擎不可用</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="529" />
            <source>The on-device reader could not be started on this computer.</source>
            <translation>无法在此电脑上启动本机识别引擎。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="530" />
            <source>Use the PicToText cloud engine, or reinstall PicToText Desktop.</source>
            <translation>请使用 PicToText 云端引擎，或重新安装 PicToText Desktop。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="537" />
            <source>This document type needs a PicToText key</source>
            <translation>此证件类型需要 PicToText API 密钥</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="538" />
            <source>Only Chinese ID cards can be read on this computer. Other document types are read by the PicToText cloud service, which needs an API key.</source>
            <translation>只有中国居民身份证可以在本机识别。其他证件类型由 PicToText 云端服务识别，需要 API 密钥。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="552" />
            <source>This file cannot be used</source>
            <translation>无法使用此文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="553" />
            <source>The file could not be read as an image.</source>
            <translation>无法将此文件作为图片读取。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="554" />
            <source>Add a photo or scan in JPEG, PNG, HEIC, WebP, TIFF or BMP format.</source>
            <translation>请添加 JPEG、PNG、HEIC、WebP、TIFF 或 BMP 格式的照片或扫描件。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="559" />
            <source>The file is empty</source>
            <translation>文件为空</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="560" />
            <source>The file has no content (0 bytes).</source>
            <translation>此文件没有内容（0 字节）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="561" />
            <source>Copy the photo again from the phone or camera.</source>
            <translation>请从手机或相机重新复制照片。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="566" />
            <source>This is not an image</source>
            <translation>这不是图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="567" />
            <source>The file's content is not a picture.</source>
            <translation>此文件的内容不是图片。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="568" />
            <source>Add a photo or scan of the document (JPEG, PNG, HEIC, WebP, TIFF, BMP).</source>
            <translation>请添加证件的照片或扫描件（JPEG、PNG、HEIC、WebP、TIFF、BMP）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="573" />
            <source>The image is damaged</source>
            <translation>图片已损坏</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="574" />
            <source>The image is truncated or corrupt, so it cannot be decoded.</source>
            <translation>图片不完整或已损坏，无法解码。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="575" />
            <source>Copy the photo again from its source, or take a new one.</source>
            <translation>请从原处重新复制照片，或重新拍一张。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="580" />
            <source>The image is too large to open safely</source>
            <translation>图片太大，无法安全打开</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="581" />
            <source>It has more pixels than the safety limit allows.</source>
            <translation>图片像素数超出了安全上限。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="582" />
            <source>Scale the image down, or raise the pixel limit in Settings if you trust it.</source>
            <translation>请缩小图片；如果信任此图片，也可以在设置中调高像素上限。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="587" />
            <source>This image format is not supported</source>
            <translation>不支持此图片格式</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="588" />
            <source>The picture is in a format the app cannot read.</source>
            <translation>应用无法读取这种格式的图片。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="589" />
            <source>Save it as JPEG or PNG and add it again.</source>
            <translation>请另存为 JPEG 或 PNG 后重新添加。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="595" />
            <source>HEIC photos cannot be opened on this installation</source>
            <translation>当前安装无法打开 HEIC 照片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="596" />
            <source>The HEIC/HEIF decoder (libheif) is missing or failed to load.</source>
            <translation>HEIC/HEIF 解码器（libheif）缺失或加载失败。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="597" />
            <source>Reinstall PicToText Desktop, or export the photo as JPEG on the phone.</source>
            <translation>请重新安装 PicToText Desktop，或在手机上将照片导出为 JPEG。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="602" />
            <source>The file cannot be read</source>
            <translation>无法读取文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="603" />
            <source>The app has no permission to read this file, or the disk failed.</source>
            <translation>应用没有读取此文件的权限，或磁盘出错。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="604" />
            <source>Check the file's permissions, or copy it to your Documents folder first.</source>
            <translation>请检查文件权限，或先将文件复制到“文档”文件夹。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="609" />
            <source>The file is gone</source>
            <translation>文件已不存在</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="610" />
            <source>The file was moved, renamed or deleted after it was added.</source>
            <translation>文件在添加后被移动、重命名或删除。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="611" />
            <source>Add it again from its new place.</source>
            <translation>请从新位置重新添加。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="617" />
            <source>The file does not exist</source>
            <translation>文件不存在</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="618" />
            <source>There is no file at this path.</source>
            <translation>此路径下没有文件。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="619" />
            <source>Check the file's name and folder.</source>
            <translation>请检查文件名和所在文件夹。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="624" />
            <source>The file is too large to be a photo</source>
            <translation>文件太大，不可能是照片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="625" />
            <source>The file is far larger than any photo or scan, so it is not read.</source>
            <translation>该文件远大于任何照片或扫描件，因此不会读取。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="626" />
            <source>Check that this is the right file, or save the picture as JPEG first.</source>
            <translation>请确认文件是否正确，或先将图片另存为 JPEG。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="635" />
            <source>No secure key storage is available</source>
            <translation>没有可用的安全密钥存储</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="636" />
            <source>The app keeps the API key only in the system's keyring, and none could be used.</source>
            <translation>应用只将 API 密钥保存在系统密钥环中，但当前没有可用的密钥环。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="639" />
            <source>You can use the key for this session only; it is then forgotten at exit.</source>
            <translation>你可以仅在本次运行中使用密钥，退出后即被清除。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="644" />
            <source>The keyring is locked</source>
            <translation>密钥环已锁定</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="645" />
            <source>The system keyring is locked, or the unlock prompt was dismissed.</source>
            <translation>系统密钥环已锁定，或解锁提示被关闭。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="653" />
            <source>Results are not being saved</source>
            <translation>结果未保存到磁盘</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="654" />
            <source>Finished results are normally saved on disk, encrypted with a key kept in the system's keyring, so that a crash loses nothing. That is not possible now.</source>
            <translation>识别完成的结果通常会用保存在系统密钥环中的密钥加密后保存到磁盘，这样程序崩溃也不会丢失任何结果。现在无法这样做。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/errors.py" line="658" />
            <source>This session's results stay in the window until you close it: export them before closing. To have them saved, make a keyring available and start the app again.</source>
            <translation>本次的结果会保留在窗口中，直到你关闭窗口：请在关闭前导出。要保存结果，请准备好可用的密钥环，然后重新启动应用。</translation>
        </message>
    </context>
    <context>
        <name>file_messages</name>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="25" />
            <source>{name} is {size}, larger than the {limit} limit for an image file</source>
            <translation>{name} 大小为 {size}，超过了图片文件 {limit} 的上限</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="26" />
            <source>{name} is larger than the {limit} limit for an image file</source>
            <translation>{name} 超过了图片文件 {limit} 的上限</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="27" />
            <source>{name} is empty (0 bytes)</source>
            <translation>{name} 是空文件（0 字节）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="28" />
            <source>{name} no longer exists: it was moved, renamed or deleted</source>
            <translation>{name} 已不存在：它被移动、重命名或删除了</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="29" />
            <source>{name} does not exist</source>
            <translation>{name} 不存在</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="30" />
            <source>{name} is a folder, not an image file</source>
            <translation>{name} 是文件夹，不是图片文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="31" />
            <source>No permission to read {name}</source>
            <translation>没有读取 {name} 的权限</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="32" />
            <source>{name} is not a regular file (a pipe, socket or device)</source>
            <translation>{name} 不是普通文件（而是管道、套接字或设备）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="33" />
            <source>{name} could not be read ({why})</source>
            <translation>无法读取 {name}（{why}）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="34" />
            <source>{name} is not an image: its content is no known picture format</source>
            <translation>{name} 不是图片：其内容不是任何已知的图片格式</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="35" />
            <source>{name} is a HEIC/HEIF photo, but the HEIC decoder could not be loaded</source>
            <translation>{name} 是 HEIC/HEIF 照片，但无法加载 HEIC 解码器</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="36" />
            <source>{name} is a {fmt} image, and this installation cannot decode {fmt}</source>
            <translation>{name} 是 {fmt} 图片，而本机安装的程序无法解码 {fmt}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="37" />
            <source>{name} is cut off: the {fmt} data ends too early (an incomplete copy?)</source>
            <translation>{name} 不完整：{fmt} 数据提前结束（可能是未复制完的文件？）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="38" />
            <source>{name} is a damaged {fmt} image and cannot be decoded</source>
            <translation>{name} 是损坏的 {fmt} 图片，无法解码</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="39" />
            <source>{name} has more pixels than the safety limit allows</source>
            <translation>{name} 的像素数超过了安全上限</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="40" />
            <source>{name} is too large to decode in the memory available</source>
            <translation>{name} 太大，可用内存不足以解码</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="41" />
            <source>{name} is too large to process in the memory available</source>
            <translation>{name} 太大，可用内存不足以处理</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="42" />
            <source>{name} cannot be made smaller than the upload limit</source>
            <translation>{name} 无法缩小到上传上限以内</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="43" />
            <source>{name} claims a size of {width}×{height} pixels</source>
            <translation>{name} 声称尺寸为 {width}×{height} 像素</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="44" />
            <source>{name} is {width}×{height} pixels ({mp} MP), more than the {limit} MP safety limit</source>
            <translation>{name} 为 {width}×{height} 像素（{mp} 百万像素），超过 {limit} 百万像素的安全上限</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="45" />
            <source>{name} is {width}×{height} pixels in {mode} mode: decoding it takes {needed}, more than the {budget} the {limit} MP safety limit allows</source>
            <translation>{name} 为 {width}×{height} 像素（{mode} 模式）：解码需要 {needed}，超过 {limit} 百万像素安全上限所允许的 {budget}</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="47" />
            <source>{name} is {what}, which the app cannot read</source>
            <translation>{name} 是{what}，本程序无法读取</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="48" />
            <source>{name} is {what}, not an image</source>
            <translation>{name} 是{what}，不是图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="53" />
            <source>a JPEG 2000 image</source>
            <translation>JPEG 2000 图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="53" />
            <source>a JPEG XL image</source>
            <translation>JPEG XL 图片</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="53" />
            <source>a Photoshop document</source>
            <translation>Photoshop 文档</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="54" />
            <source>an icon file</source>
            <translation>图标文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="54" />
            <source>an SVG drawing</source>
            <translation>SVG 矢量图</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="54" />
            <source>a camera RAW file</source>
            <translation>相机 RAW 文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="55" />
            <source>a PDF document</source>
            <translation>PDF 文档</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="55" />
            <source>a ZIP archive (or an Office document)</source>
            <translation>ZIP 压缩包（或 Office 文档）</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="56" />
            <source>an old-style Office document</source>
            <translation>旧版 Office 文档</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="56" />
            <source>an RTF document</source>
            <translation>RTF 文档</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="56" />
            <source>a PostScript file</source>
            <translation>PostScript 文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="57" />
            <source>an HTML web page</source>
            <translation>HTML 网页</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="57" />
            <source>an XML file</source>
            <translation>XML 文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="57" />
            <source>a text file</source>
            <translation>文本文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="57" />
            <source>a gzip archive</source>
            <translation>gzip 压缩包</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="58" />
            <source>a RAR archive</source>
            <translation>RAR 压缩包</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="58" />
            <source>a 7-Zip archive</source>
            <translation>7-Zip 压缩包</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="58" />
            <source>a Windows program</source>
            <translation>Windows 程序</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="58" />
            <source>a program</source>
            <translation>程序</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="59" />
            <source>a video</source>
            <translation>视频</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="59" />
            <source>an audio file</source>
            <translation>音频文件</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/file_messages.py" line="59" />
            <source>an SQLite database</source>
            <translation>SQLite 数据库</translation>
        </message>
    </context>
    <context>
        <name>notes</name>
        <message>
            <location filename="../../pictotext_desktop/notes.py" line="22" />
            <source>{name} is only {width}×{height} pixels; results may be poor. Use a larger photo or scan if you can.</source>
            <translation>{name} 只有 {width}×{height} 像素，识别结果可能较差。如有可能，请使用更大的照片或扫描件。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/notes.py" line="24" />
            <source>{name} was reduced to {width}×{height} pixels to stay under the {mb} MB upload limit.</source>
            <translation>{name} 已缩小为 {width}×{height} 像素，以符合 {mb} MB 的上传上限。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/notes.py" line="26" />
            <source>No Chinese ID card text was found in this image.</source>
            <translation>此图片中未找到中国身份证的文字。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/notes.py" line="27" />
            <source>The card was turned {degrees}° and was read upright.</source>
            <translation>证件旋转了 {degrees}°，已摆正后识别。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/notes.py" line="28" />
            <source>Not sent again: the same image was read before ({earlier}); use Read again to send it anew.</source>
            <translation>未再次发送：同一图片之前已识别过（{earlier}）；如需重新发送，请使用“重新识别”。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/notes.py" line="30" />
            <source>the answer had {count} field name(s) longer than {limit} characters; they were left out</source>
            <translation>返回结果中有 {count} 个字段名超过 {limit} 个字符，已略去</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/notes.py" line="32" />
            <source>This photo holds {count} cards; only the first was read (remove it and add it again to read each).</source>
            <translation>这张照片中有 {count} 张证件，只识别了第一张（移除后重新添加即可逐张识别）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/notes.py" line="34" />
            <source>the answer had {count} fields; the first {limit} were kept (the documented ones first)</source>
            <translation>返回结果有 {count} 个字段，保留了前 {limit} 个（文档所列字段优先）</translation>
        </message>
    </context>
    <context>
        <name>settings</name>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="154" />
            <source>PicToText server address.</source>
            <translation>PicToText 服务器地址。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="156" />
            <source>Extra CA certificate bundle (PEM) to trust, e.g. a company proxy's. Empty: the system's certificates.</source>
            <translation>要额外信任的 CA 证书包（PEM），例如公司代理的证书。留空则使用系统证书。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="159" />
            <source>Seconds to wait for a connection.</source>
            <translation>等待建立连接的秒数。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="161" />
            <source>Seconds to wait for PicToText's answer.</source>
            <translation>等待 PicToText 响应的秒数。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="163" />
            <source>At most this many requests per second.</source>
            <translation>每秒最多发送的请求数。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="165" />
            <source>Images sent at the same time.</source>
            <translation>同时发送的图片数。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="168" />
            <source>auto: the cloud when a key is set, otherwise on this computer (Chinese ID cards only).</source>
            <translation>auto：已设置密钥时使用云端识别，否则在本机识别（仅限中国居民身份证）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="171" />
            <source>Document type to read.</source>
            <translation>要识别的证件类型。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="173" />
            <source>Shrink uploads so the long side is at most this many pixels (0: keep the original size).</source>
            <translation>上传前缩小图片，使长边不超过此像素数（0：保持原始尺寸）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="176" />
            <source>Format of the uploaded image.</source>
            <translation>上传图片的格式。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="178" />
            <source>JPEG quality of uploads.</source>
            <translation>上传图片的 JPEG 质量。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="180" />
            <source>Refuse images with more megapixels than this (protects against decompression bombs).</source>
            <translation>拒绝像素数超过此值（百万像素）的图片，以防范解压炸弹。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="183" />
            <source>What is sent: the detected card, cut out, straightened and turned upright (card), or the whole photo (whole).</source>
            <translation>发送的内容：检测到的证件（裁出、矫正并摆正，card），或整张照片（whole）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="187" />
            <source>Start reading as soon as images are added.</source>
            <translation>添加图片后立即开始识别。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="189" />
            <source>Copy each finished card's fields to the clipboard.</source>
            <translation>每张证件识别完成后，将其字段复制到剪贴板。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="191" />
            <source>Merge a card's front and back when file names pair (*_front/*_back, 正面/反面).</source>
            <translation>文件名成对时（*_front/*_back、正面/反面），合并证件的正反面。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="196" />
            <source>Keep finished results on disk, encrypted: off (nothing written), session (the last session, offered again at the next start) or history (every result, searchable, kept for the days below).</source>
            <translation>将识别完成的结果加密保存到磁盘：off（不写入任何内容）、session（保存上一次会话，下次启动时提供恢复）或 history（保存每条结果，可搜索，保留下方设置的天数）。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="200" />
            <source>Days a result is kept in the history before it is deleted.</source>
            <translation>结果在历史记录中保留的天数，到期后删除。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="204" />
            <source>Masking preset(s) for the values the window shows and copies, e.g. standard or id-3-3,name; empty: none.</source>
            <translation>窗口显示和复制的值所用的脱敏预设，例如 standard 或 id-3-3,name；留空表示不脱敏。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="207" />
            <source>Add each new image or PDF saved in this folder (a scanner's output folder) to the queue by itself. Empty: no folder is watched.</source>
            <translation>保存到此文件夹（如扫描仪的输出文件夹）的每个新图片或 PDF 都会自动加入队列。留空：不监视任何文件夹。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="211" />
            <source>Language of the interface.</source>
            <translation>界面语言。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="213" />
            <source>Light or dark: system follows the computer's setting.</source>
            <translation>浅色或深色：“跟随系统”时随电脑的设置切换。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/settings.py" line="215" />
            <source>How much the log file records (never field values or keys).</source>
            <translation>日志文件的记录详细程度（绝不记录字段值或密钥）。</translation>
        </message>
    </context>
    <context>
        <name>store</name>
        <message>
            <location filename="../../pictotext_desktop/store.py" line="81" />
            <source>The saved results could not be read: the file is damaged. It was set aside as {name} and saving starts afresh.</source>
            <translation>无法读取已保存的结果：文件已损坏。该文件已另存为 {name}，将重新开始保存。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/store.py" line="85" />
            <source>The saved results cannot be opened: their key is no longer in the system's keyring. The file was set aside as {name} and saving starts afresh.</source>
            <translation>无法打开已保存的结果：系统密钥环中已没有它们的密钥。该文件已另存为 {name}，将重新开始保存。</translation>
        </message>
        <message>
            <location filename="../../pictotext_desktop/store.py" line="89" />
            <source>The saved results were encrypted with a different key from the one in the system's keyring. The file was set aside as {name} and saving starts afresh.</source>
            <translation>已保存的结果所用的加密密钥与系统密钥环中的密钥不同。该文件已另存为 {name}，将重新开始保存。</translation>
        </message>
    </context>
</TS>
