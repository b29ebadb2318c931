import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { checkInOf, dispatchOf, estimateOf, settlementOf, totalsOf, workLines, yuan, hours } from '../model';
import { useRepairOrder } from '../queries';

type Doc = 'order' | 'belongings' | 'exit';
const DOCS: readonly Doc[] = ['order', 'belongings', 'exit'];

/**
 * The A4 print stylesheet: on paper only the sheet shows (the console's menus and buttons are hidden),
 * at A4 with 15 mm margins; on screen the sheet is drawn as a page.
 */
const PRINT_CSS = `
@page { size: A4; margin: 15mm; }
.ro-sheet { background: #fff; color: #000; width: 210mm; min-height: 297mm; padding: 15mm; margin: 16px auto; box-shadow: 0 1px 6px rgba(0,0,0,.15); font-size: 12pt; }
.ro-sheet h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
.ro-sheet .ro-sub { text-align: center; margin-bottom: 6mm; }
.ro-sheet table { width: 100%; border-collapse: collapse; margin-bottom: 5mm; }
.ro-sheet th, .ro-sheet td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
.ro-sheet th { background: #f0f0f0; width: 28%; }
.ro-sheet .ro-lines th { width: auto; }
.ro-sheet .ro-num { text-align: right; white-space: nowrap; }
.ro-sheet .ro-note { border: 1px solid #000; padding: 2mm; margin-bottom: 5mm; }
.ro-sheet .ro-signs { display: flex; justify-content: space-between; margin-top: 12mm; }
.ro-sheet .ro-signs div { width: 45%; border-top: 1px solid #000; padding-top: 2mm; }
@media print {
  body * { visibility: hidden !important; }
  .ro-sheet, .ro-sheet * { visibility: visible !important; }
  .ro-sheet { position: absolute; left: 0; top: 0; margin: 0; padding: 0; box-shadow: none; width: auto; min-height: 0; }
  .ro-no-print { display: none !important; }
}
`;

/** Printable A4 documents of a repair order: the order itself (进厂维修单), the belongings list (随车物品清单), the exit notice (出厂通知单). */
export function PrintPage() {
  const { id = '', doc = 'order' } = useParams();
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const order = useRepairOrder(id);
  if (order.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (order.isError) {
    if (order.error.status === 404) return <Result status="404" title={t('repairOrders.detail.notFound')} />;
    return <LoadError problem={order.error} onRetry={() => void order.refetch()} />;
  }
  const o = order.data;
  const kind = (DOCS as readonly string[]).includes(doc) ? (doc as Doc) : 'order';
  const estimate = estimateOf(o);
  const totals = totalsOf(o);
  const checkIn = checkInOf(o);
  const dispatch = dispatchOf(o);
  const settlement = settlementOf(o);
  const signature = (purpose: string) => o.signatures.filter((s) => s.purpose === purpose).at(-1);
  const notice = o.exitNotice as { kind?: string; feeFen?: number; at?: string } | null;
  const exit = o.exit as { at?: string; nextService?: { dueDate?: string | null; byKm?: number | null } } | null;

  const head = (
    <table>
      <tbody>
        <tr>
          <th>{t('repairOrders.print.orderNo')}</th>
          <td>{o.id.slice(0, 8).toUpperCase()}</td>
          <th>{t('repairOrders.detail.openedAt')}</th>
          <td>{siteTime(o.openedAt)}</td>
        </tr>
        <tr>
          <th>{t('repairOrders.field.name')}</th>
          <td>{o.customerName}</td>
          <th>{t('repairOrders.field.phone')}</th>
          <td>{o.customerPhone}</td>
        </tr>
        <tr>
          <th>{t('repairOrders.field.plate')}</th>
          <td>{o.plate}</td>
          <th>{t('repairOrders.field.model')}</th>
          <td>{o.model}</td>
        </tr>
      </tbody>
    </table>
  );

  const body = () => {
    if (kind === 'belongings')
      return (
        <>
          <h1>{t('repairOrders.print.belongingsTitle')}</h1>
          <div className="ro-sub">{site.name}</div>
          {head}
          <table className="ro-lines" data-testid="print-belongings">
            <thead>
              <tr>
                <th style={{ width: '10%' }}>#</th>
                <th>{t('repairOrders.cmd.belongings')}</th>
              </tr>
            </thead>
            <tbody>
              {checkIn?.belongings.length ? (
                checkIn.belongings.map((b, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>{b}</td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colSpan={2}>{t('repairOrders.print.noBelongings')}</td>
                </tr>
              )}
            </tbody>
          </table>
          {checkIn && (
            <div className="ro-note">
              {t('repairOrders.cmd.keyTag')}: {checkIn.keyTag} · {t('repairOrders.cmd.fuelPercent')}: {checkIn.fuelPercent}% · {t('repairOrders.cmd.odometerKm')}: {checkIn.odometerKm} km · {t('repairOrders.cmd.documentsReceived')}: {checkIn.documents.received.join('、')}
            </div>
          )}
          <div className="ro-signs">
            <div>
              {t('repairOrders.print.customerSignature')}: {signature('belongings')?.signer ?? ''} {signature('belongings') ? siteTime(signature('belongings')?.at) : ''}
            </div>
            <div>
              {t('repairOrders.print.advisorSignature')}: {o.advisorName}
            </div>
          </div>
        </>
      );
    if (kind === 'exit')
      return (
        <>
          <h1>{t('repairOrders.print.exitTitle')}</h1>
          <div className="ro-sub">{site.name}</div>
          {head}
          <table data-testid="print-exit">
            <tbody>
              <tr>
                <th>{t('repairOrders.print.exitKind')}</th>
                <td>{t(`repairOrders.print.exitKind_${(notice?.kind ?? 'repaired') as 'repaired'}`)}</td>
              </tr>
              {settlement && (
                <>
                  <tr>
                    <th>{t('repairOrders.detail.due')}</th>
                    <td>{yuan(settlement.dueFen)}</td>
                  </tr>
                  <tr>
                    <th>{t('repairOrders.cmd.paid')}</th>
                    <td>{yuan(settlement.paidFen)}</td>
                  </tr>
                  <tr>
                    <th>{t('repairOrders.detail.receivable')}</th>
                    <td>{yuan(settlement.receivableFen)}</td>
                  </tr>
                </>
              )}
              {notice && (notice.feeFen ?? 0) > 0 && (
                <tr>
                  <th>{t('repairOrders.print.fee')}</th>
                  <td>{yuan(notice.feeFen)}</td>
                </tr>
              )}
              <tr>
                <th>{t('repairOrders.print.exitAt')}</th>
                <td>{siteTime(exit?.at ?? notice?.at ?? null)}</td>
              </tr>
              {exit?.nextService && (
                <tr>
                  <th>{t('repairOrders.print.nextService')}</th>
                  <td>
                    {exit.nextService.dueDate ?? ''}
                    {exit.nextService.byKm ? ` / ${exit.nextService.byKm} km` : ''}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <div className="ro-signs">
            <div>
              {t('repairOrders.print.customerSignature')}: {signature('exit')?.signer ?? ''} {signature('exit') ? `(v${signature('exit')?.version})` : ''}
            </div>
            <div>
              {t('repairOrders.print.advisorSignature')}: {o.advisorName}
            </div>
          </div>
        </>
      );
    return (
      <>
        <h1>{t('repairOrders.print.orderTitle')}</h1>
        <div className="ro-sub">
          {site.name} · {t('repairOrders.detail.version', { version: o.version })}
        </div>
        {head}
        <table className="ro-lines" data-testid="print-order">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('repairOrders.cmd.lineDescription')}</th>
              <th>{t('repairOrders.cmd.part')}</th>
              <th>{t('repairOrders.cmd.hours')}</th>
              <th className="ro-num">{t('repairOrders.detail.lineTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {workLines(o)
              .filter((w) => w.additional === null || w.additional === 'yes')
              .map((w) => (
                <tr key={w.line.id}>
                  <td>{w.line.id}</td>
                  <td>
                    {w.line.description}
                    {w.line.noGuarantee ? ' *' : ''}
                  </td>
                  <td>{w.line.part ? `${w.line.part.name} (${t(`repairOrders.${w.line.part.supplier === 'customer' ? 'supplier.customer' : `origin.${w.line.part.origin}`}` as 'repairOrders.origin.oem')})` : t('common.none')}</td>
                  <td>{hours(w.line.labourHundredths)}</td>
                  <td className="ro-num">{yuan(w.line.totalFen)}</td>
                </tr>
              ))}
            <tr>
              <td colSpan={4}>
                <b>{t('repairOrders.detail.total')}</b>
                {(totals?.riskMarginFen ?? 0) > 0 ? ` (${t('repairOrders.detail.riskMargin', { percent: totals?.riskMarginPercent })} ${yuan(totals?.riskMarginFen)})` : ''}
              </td>
              <td className="ro-num">
                <b>{yuan(totals?.totalFen)}</b>
              </td>
            </tr>
          </tbody>
        </table>
        {(totals?.disclaimer ?? estimate?.disclaimer) && <div className="ro-note">* {totals?.disclaimer ?? estimate?.disclaimer}</div>}
        <table>
          <tbody>
            <tr>
              <th>{t('repairOrders.cmd.promisedAt')}</th>
              <td>{siteTime(o.promisedAt)}</td>
            </tr>
            {o.wishes && (
              <tr>
                <th>{t('repairOrders.cmd.wishes')}</th>
                <td>{o.wishes}</td>
              </tr>
            )}
            {checkIn && (
              <tr>
                <th>{t('repairOrders.detail.checkInDispatch')}</th>
                <td>
                  {t('repairOrders.cmd.keyTag')} {checkIn.keyTag} · {checkIn.fuelPercent}% · {checkIn.odometerKm} km
                  {dispatch ? ` · ${dispatch.receiverName} ${siteTime(dispatch.signedTime)}` : ''}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <div className="ro-signs">
          <div>
            {t('repairOrders.print.customerSignature')}: {signature('order')?.signer ?? ''} {signature('order') ? `(v${signature('order')?.version})` : ''}
          </div>
          <div>
            {t('repairOrders.print.advisorSignature')}: {o.advisorName}
          </div>
        </div>
      </>
    );
  };

  return (
    <>
      <style>{PRINT_CSS}</style>
      <Space className="ro-no-print" style={{ marginBottom: 8 }}>
        <Link to={`/repair-orders/${o.id}`}>
          <ArrowLeftOutlined /> {t('repairOrders.print.back')}
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('repairOrders.print.print')}
        </Button>
      </Space>
      <div className="ro-sheet" data-testid="print-sheet" data-doc={kind}>
        {body()}
      </div>
    </>
  );
}
