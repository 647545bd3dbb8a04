<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="sv_SE">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="155"/>
        <source>Om Kartläggning</source>
        <translation>About Kartläggning</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="169"/>
        <source>Programmet</source>
        <translation>The program</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="170"/>
        <source>Licenser</source>
        <translation>Licences</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="171"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="175"/>
        <source>Öppna datamappen</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="177"/>
        <source>Öppna licensmappen</source>
        <translation>Open the licence folder</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="194"/>
        <source>Kartläggning och handlingsplan</source>
        <translation>Needs assessment and action plan</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="195"/>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="197"/>
        <source>Kartläggning, handlingsplan och uppföljning för vuxna som vill lämna en kriminell livsstil.</source>
        <translation>Needs assessment, action plans and follow-up for adults who want to leave a criminal lifestyle.</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="200"/>
        <source>Byggd med Qt {qt}, PySide6 {pyside} och Python {python}.</source>
        <translation>Built with Qt {qt}, PySide6 {pyside} and Python {python}.</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="209"/>
        <source>Qt {qt} och PySide6 {pyside} (med shiboken6) används enligt GNU Lesser General Public License version 3 (LGPL-3.0). De ingår som separata, dynamiskt länkade bibliotek i installationsmappen, och du får byta ut dem mot egna, ändrade versioner. Licenstexterna (LGPL-3.0 och GPL-3.0) finns i licensmappen.</source>
        <translation>Qt {qt} and PySide6 {pyside} (with shiboken6) are used under the GNU Lesser General Public License version 3 (LGPL-3.0). They are included as separate, dynamically linked libraries in the installation folder, and you may replace them with your own modified versions. The licence texts (LGPL-3.0 and GPL-3.0) are in the licence folder.</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="214"/>
        <source>Källkod för Qt: {qt_url}. Källkod för PySide6 och shiboken6: {py_url}.</source>
        <translation>Source code for Qt: {qt_url}. Source code for PySide6 and shiboken6: {py_url}.</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="220"/>
        <source>Typsnitten i PDF-utskrifterna: DejaVu Sans (DejaVu-licensen: Bitstream Vera-licensen med tillägg, delvis allmän egendom; LICENSE-DejaVu.txt), Noto Sans Arabic (SIL Open Font License 1.1; LICENSE-NotoSansArabic-OFL.txt), Droid Sans Fallback (Apache-2.0; LICENSE-DroidSansFallback.txt) och Symbola (fri för all användning; LICENSE-Symbola.txt).</source>
        <translation>The fonts in the PDF printouts: DejaVu Sans (the DejaVu licence: the Bitstream Vera licence with additions, partly public domain; LICENSE-DejaVu.txt), Noto Sans Arabic (SIL Open Font License 1.1; LICENSE-NotoSansArabic-OFL.txt), Droid Sans Fallback (Apache-2.0; LICENSE-DroidSansFallback.txt) and Symbola (free for any use; LICENSE-Symbola.txt).</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="226"/>
        <source>ReportLab {version} (BSD-licens) skapar PDF-filerna.</source>
        <translation>ReportLab {version} (BSD licence) creates the PDF files.</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="230"/>
        <source>psycopg {version} (LGPL-3.0) ansluter till PostgreSQL; det medföljer libpq (PostgreSQL-licensen) och OpenSSL (Apache-2.0).</source>
        <translation>psycopg {version} (LGPL-3.0) connects to PostgreSQL; it comes with libpq (the PostgreSQL licence) and OpenSSL (Apache-2.0).</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="234"/>
        <source>python-stdnum {version} (LGPL-2.1 eller senare) kontrollerar personnummer.</source>
        <translation>python-stdnum {version} (LGPL-2.1 or later) checks personal identity numbers.</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="236"/>
        <source>Python {version} (Python Software Foundation License).</source>
        <translation>Python {version} (Python Software Foundation License).</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="239"/>
        <source>se licensfilen</source>
        <translation>see the licence file</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="245"/>
        <source>Qt och PySide6</source>
        <translation>Qt and PySide6</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="246"/>
        <source>Typsnitt</source>
        <translation>Fonts</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="247"/>
        <source>Övriga delar</source>
        <translation>Other parts</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="248"/>
        <source>Alla medföljande paket</source>
        <translation>All bundled packages</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="249"/>
        <source>Paket</source>
        <translation>Package</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="249"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="249"/>
        <source>Licens</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="250"/>
        <source>Licenstexterna finns i: {folder}</source>
        <translation>The licence texts are in: {folder}</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="266"/>
        <source>Datamapp</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="267"/>
        <source>Inställningsmapp</source>
        <translation>Settings folder</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="270"/>
        <source>Programmets egna val</source>
        <translation>The program&apos;s own choices</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="274"/>
        <source>(finns inte)</source>
        <translation>(does not exist)</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="277"/>
        <source>Inställningsfil</source>
        <translation>Settings file</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="279"/>
        <source>Databas</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="284"/>
        <source>Uppgifterna i databasen är krypterade. Avinstallation tar inte bort datamappen eller inställningarna; de tas bort för hand eller enligt kommunens rutiner.</source>
        <translation>The data in the database is encrypted. Uninstalling does not remove the data folder or the settings; they are removed by hand or according to the municipality&apos;s routines.</translation>
    </message>
</context>
<context>
    <name>AccessLogPage</name>
    <message>
        <location filename="../../ui/log_review/page.py" line="114"/>
        <source>&lt;h2&gt;Logguppföljning&lt;/h2&gt;&lt;p&gt;Vem som har öppnat och ändrat enhetens ärenden. Loggen innehåller ärendenummer och id:n, aldrig namn. Att du öppnar logguppföljningen loggas också.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Access-log review&lt;/h2&gt;&lt;p&gt;Who opened and changed the unit&apos;s cases. The log holds case references and ids, never names. Opening this review is logged too.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="122"/>
        <source>användarnamn</source>
        <translation>user name</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="124"/>
        <source>ärendenummer</source>
        <translation>case reference</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="125"/>
        <source>Från</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="126"/>
        <source>Till</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="128"/>
        <source>Alla händelser</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="130"/>
        <source>Alla ärendehändelser</source>
        <translation>All case actions</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="131"/>
        <source>Alla ändringar av uppgifter</source>
        <translation>All changes to records</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="132"/>
        <source>Logguppföljning och loggexport</source>
        <translation>Log review and log export</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="136"/>
        <source>&amp;Sök</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="138"/>
        <source>&amp;Rensa filter</source>
        <translation>&amp;Clear filters</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="144"/>
        <source>&amp;Användare:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="145"/>
        <source>Ä&amp;rende:</source>
        <translation>C&amp;ase:</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="150"/>
        <source>Datum:</source>
        <translation>Dates:</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="151"/>
        <source>&amp;Händelse:</source>
        <translation>&amp;Action:</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="167"/>
        <source>◀ &amp;Föregående</source>
        <translation>◀ &amp;Previous</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="168"/>
        <source>&amp;Nästa ▶</source>
        <translation>&amp;Next ▶</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="169"/>
        <source>&amp;Exportera …</source>
        <translation>&amp;Export …</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="171"/>
        <source>Sparar loggen med de valda filtren som CSV-fil (för Excel)</source>
        <translation>Saves the log with the chosen filters as a CSV file (for Excel)</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="215"/>
        <source>Från-datumet ligger efter till-datumet.</source>
        <translation>The from date is after the to date.</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="260"/>
        <source>Hämtar …</source>
        <translation>Loading …</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="262"/>
        <source>Inga händelser med de här filtren.</source>
        <translation>No entries with these filters.</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="265"/>
        <source>Visar {first}–{last} av {total}</source>
        <translation>Showing {first}–{last} of {total}</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="280"/>
        <source>Exportera loggen</source>
        <translation>Export the log</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="282"/>
        <source>CSV-fil (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="300"/>
        <source>Exporterar …</source>
        <translation>Exporting …</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="308"/>
        <source>{n} händelser exporterades till {name}.</source>
        <translation>{n} entries were exported to {name}.</translation>
    </message>
</context>
<context>
    <name>ActionRow</name>
    <message>
        <location filename="../../ui/plan/rows.py" line="55"/>
        <source>Vad ska göras?</source>
        <translation>What will be done?</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="56"/>
        <source>Insats</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="58"/>
        <source>Ansvarig</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="63"/>
        <source>Utförare</source>
        <translation>Provider</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="64"/>
        <source>Välj utförare …</source>
        <translation>Choose a provider …</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="71"/>
        <source>Vem (namn eller myndighet)</source>
        <translation>Who (name or authority)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="72"/>
        <source>Vem som ansvarar</source>
        <translation>Who is responsible</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="73"/>
        <source>Klart senast</source>
        <translation>Done by</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="76"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="81"/>
        <source>till exempel: Vi går igenom det på nästa möte</source>
        <translation>for example: We go through it at the next meeting</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="82"/>
        <source>Så följer vi upp</source>
        <translation>How we follow up</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="84"/>
        <source>Vad blev det? Skrivs vid uppföljningen</source>
        <translation>What came of it? Written at the follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="85"/>
        <source>Resultat</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="86"/>
        <source>Resultat:</source>
        <translation>Result:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="87"/>
        <source>Resultat …</source>
        <translation>Result …</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="89"/>
        <source>Skriv vad insatsen ledde till</source>
        <translation>Write what the action led to</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="93"/>
        <source>Ta bort insatsen</source>
        <translation>Remove the action</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="94"/>
        <source>Tar bort insatsen (kan ångras). Med tangentbordet: {keys}</source>
        <translation>Removes the action (can be undone). With the keyboard: {keys}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="101"/>
        <source>Insats:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="105"/>
        <source>Ansvarig:</source>
        <translation>Responsible:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="112"/>
        <source>Så följer vi upp:</source>
        <translation>How we follow up:</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/admin/admin_page.py" line="21"/>
        <source>&amp;Användare</source>
        <translation>&amp;Users</translation>
    </message>
    <message>
        <location filename="../../ui/admin/admin_page.py" line="22"/>
        <source>&amp;Gallring</source>
        <translation>&amp;Retention</translation>
    </message>
    <message>
        <location filename="../../ui/admin/admin_page.py" line="23"/>
        <source>U&amp;tförare</source>
        <translation>Pro&amp;viders</translation>
    </message>
    <message>
        <location filename="../../ui/admin/admin_page.py" line="25"/>
        <source>&amp;Statistik</source>
        <translation>&amp;Statistics</translation>
    </message>
</context>
<context>
    <name>AssessmentsTab</name>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="112"/>
        <source>Typ</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="112"/>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="112"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="112"/>
        <source>Områden med behov</source>
        <translation>Areas with a need</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="116"/>
        <source>Ny &amp;kartläggning</source>
        <translation>New &amp;assessment</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="117"/>
        <source>Ny &amp;uppföljande skattning</source>
        <translation>New &amp;follow-up rating</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="118"/>
        <source>Ö&amp;ppna</source>
        <translation>O&amp;pen</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <location filename="../../ui/cases/list_page.py" line="57"/>
        <source>Sök på namn, personnummer eller ärendenummer</source>
        <translation>Search by name, personal identity number or case reference</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="59"/>
        <source>&amp;Sök:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="62"/>
        <source>Mina ärenden</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="63"/>
        <source>Min enhet</source>
        <translation>My unit</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="64"/>
        <source>Alla jag har tillgång till</source>
        <translation>All I have access to</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="66"/>
        <source>Öppna</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="67"/>
        <source>Avslutade</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="68"/>
        <source>Alla statusar</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="70"/>
        <source>Alla uppföljningar</source>
        <translation>All follow-ups</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="71"/>
        <source>Uppföljning inom 14 dagar</source>
        <translation>Follow-up within 14 days</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="72"/>
        <source>Försenad uppföljning</source>
        <translation>Overdue follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="75"/>
        <source>&amp;Nytt ärende</source>
        <translation>&amp;New case</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="144"/>
        <source>Räknar ärenden …</source>
        <translation>Counting cases …</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="155"/>
        <source>{n} ärenden</source>
        <translation>{n} cases</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="155"/>
        <source>1 ärende</source>
        <translation>1 case</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="165"/>
        <source>Det här är inget giltigt personnummer; kontrollera siffrorna.</source>
        <translation>This is not a valid personal identity number; check the digits.</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="231"/>
        <source>Det finns osparat arbete i en handlingsplan (autosparat {when}).</source>
        <translation>There is unsaved work in an action plan (autosaved {when}).</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="235"/>
        <source>Det finns osparat arbete i en kartläggning (autosparat {when}).</source>
        <translation>There is unsaved work in an assessment (autosaved {when}).</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="238"/>
        <location filename="../../ui/cases/list_page.py" line="258"/>
        <source>Ytterligare {n} utkast finns.</source>
        <translation>{n} more drafts exist.</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="240"/>
        <source>Ö&amp;ppna utkastet</source>
        <translation>O&amp;pen the draft</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="249"/>
        <source>En handlingsplan har en kopia från den här datorn ({when}) som skiljer sig från utkastet på servern. Öppna planen och jämför versionerna.</source>
        <translation>An action plan has a copy from this computer ({when}) that differs from the draft on the server. Open the plan and compare the versions.</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="254"/>
        <source>En kartläggning har en kopia från den här datorn ({when}) som skiljer sig från utkastet på servern. Öppna kartläggningen och välj vilken som gäller.</source>
        <translation>An assessment has a copy from this computer ({when}) that differs from the draft on the server. Open the assessment and choose which one applies.</translation>
    </message>
    <message>
        <location filename="../../ui/cases/list_page.py" line="260"/>
        <source>&amp;Jämför</source>
        <translation>&amp;Compare</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="86"/>
        <source>Ä&amp;ndra personuppgifter …</source>
        <translation>Edit personal &amp;details …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="87"/>
        <source>A&amp;vsluta ärendet …</source>
        <translation>Clo&amp;se the case …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="88"/>
        <source>Öppna ärendet i&amp;gen</source>
        <translation>Re&amp;open the case</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="92"/>
        <source>&amp;Godkänn avslut</source>
        <translation>&amp;Approve closing</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="93"/>
        <source>Av&amp;slå avslut …</source>
        <translation>&amp;Refuse closing …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="122"/>
        <source>&amp;Personen</source>
        <translation>&amp;Person</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="123"/>
        <source>&amp;Samtycken</source>
        <translation>&amp;Consents</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="124"/>
        <source>&amp;Kartläggningar</source>
        <translation>&amp;Assessments</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="125"/>
        <source>&amp;Handlingsplaner</source>
        <translation>Action &amp;plans</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="126"/>
        <source>&amp;Uppföljningar</source>
        <translation>&amp;Follow-ups</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="127"/>
        <source>Sk&amp;yddsplan</source>
        <translation>Safet&amp;y plan</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="128"/>
        <source>H&amp;istorik</source>
        <translation>H&amp;istory</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="141"/>
        <source>Hämtar ärendet …</source>
        <translation>Loading the case …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="210"/>
        <source>personnummer saknas</source>
        <translation>no personal identity number</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="213"/>
        <source>{ref} · {number} · {status} · handläggare {who}</source>
        <translation>{ref} · {number} · {status} · caseworker {who}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="223"/>
        <source>SKYDDADE PERSONUPPGIFTER ({level}). Lämna inte ut uppgifter om personen, skriv aldrig ut adressen och tala inte om var personen bor. Varje öppning av ärendet loggas.</source>
        <translation>PROTECTED PERSONAL DATA ({level}). Do not disclose information about the person, never print the address and never say where the person lives. Every opening of the case is logged.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="240"/>
        <source>Avslut är begärt ({reason}) och väntar på arbetsledarens beslut.</source>
        <translation>Closing has been requested ({reason}) and awaits the supervisor&apos;s decision.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="268"/>
        <source>Avslå avslut</source>
        <translation>Refuse closing</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="269"/>
        <source>Varför ska ärendet inte avslutas?</source>
        <translation>Why should the case not be closed?</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="284"/>
        <source>Ärendet är öppet igen.</source>
        <translation>The case is open again.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="297"/>
        <source>Namn:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="299"/>
        <source>Personnummer:</source>
        <translation>Personal identity number:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="309"/>
        <source>Kontaktuppgifter:</source>
        <translation>Contact details:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="311"/>
        <source>Skyddsnivå:</source>
        <translation>Protection level:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="317"/>
        <source>Dold under mötet</source>
        <translation>Hidden during the meeting</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="320"/>
        <source>Dold (skyddade personuppgifter)</source>
        <translation>Hidden (protected personal data)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="321"/>
        <source>&amp;Visa adressen</source>
        <translation>&amp;Show the address</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="317"/>
        <location filename="../../ui/case_view/case_page.py" line="328"/>
        <location filename="../../ui/case_view/case_page.py" line="330"/>
        <source>Adress:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="331"/>
        <source>Telefon:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="332"/>
        <source>E-post:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="333"/>
        <source>Kontaktväg:</source>
        <translation>Referral source:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="334"/>
        <source>Öppnat:</source>
        <translation>Opened:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="337"/>
        <source>{date} – {reason}</source>
        <translation>{date} – {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="343"/>
        <source>Avslutat:</source>
        <translation>Closed:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="344"/>
        <source>Enhet:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="415"/>
        <source>Personuppgifterna är sparade.</source>
        <translation>The personal details are saved.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="284"/>
        <location filename="../../ui/case_view/case_page.py" line="423"/>
        <source>Ärendet är avslutat.</source>
        <translation>The case is closed.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_page.py" line="440"/>
        <source>Ärendet är öppnat igen.</source>
        <translation>The case is open again.</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../ui/cases/model.py" line="175"/>
        <source>Ärende</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/cases/model.py" line="176"/>
        <source>Namn</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/cases/model.py" line="177"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/cases/model.py" line="178"/>
        <source>Handläggare</source>
        <translation>Caseworker</translation>
    </message>
    <message>
        <location filename="../../ui/cases/model.py" line="179"/>
        <source>Öppnat</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location filename="../../ui/cases/model.py" line="180"/>
        <source>Nästa uppföljning</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/cases/model.py" line="202"/>
        <source>Skyddade personuppgifter: namnet visas bara i ärendet.</source>
        <translation>Protected personal data: the name is shown only inside the case.</translation>
    </message>
    <message>
        <location filename="../../ui/cases/model.py" line="219"/>
        <source>{date} (försenad)</source>
        <translation>{date} (overdue)</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="48"/>
        <source>Byt lösenord</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="52"/>
        <source>Du loggade in med ett tillfälligt lösenord som en administratör har valt. Välj ett eget lösenord innan du fortsätter. Ingen annan ska känna till det.</source>
        <translation>You signed in with a temporary password chosen by an administrator. Choose your own password before you go on. Nobody else should know it.</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="57"/>
        <source>Skriv ditt nuvarande lösenord och det nya två gånger. Ditt nya lösenord gäller från nästa gång du loggar in eller låser upp.</source>
        <translation>Type your current password and the new one twice. Your new password applies from the next time you sign in or unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="67"/>
        <source>Nuvarande lösenord</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="68"/>
        <source>Nytt lösenord</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="69"/>
        <source>Upprepa det nya lösenordet</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="74"/>
        <source>Minst {n} tecken. Gärna en mening du minns.</source>
        <translation>At least {n} characters. A sentence you remember works well.</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="80"/>
        <source>&amp;Tillfälligt lösenord:</source>
        <translation>&amp;Temporary password:</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="80"/>
        <source>&amp;Nuvarande lösenord:</source>
        <translation>&amp;Current password:</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="83"/>
        <source>N&amp;ytt lösenord:</source>
        <translation>N&amp;ew password:</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="84"/>
        <source>&amp;Upprepa:</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="86"/>
        <source>&amp;Byt lösenord</source>
        <translation>&amp;Change password</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="89"/>
        <source>&amp;Logga ut</source>
        <translation>&amp;Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="89"/>
        <source>&amp;Avbryt</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="108"/>
        <source>Skriv ditt nuvarande lösenord.</source>
        <translation>Type your current password.</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="112"/>
        <source>Det nya lösenordet måste ha minst {n} tecken.</source>
        <translation>The new password must have at least {n} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/account/password_dialog.py" line="119"/>
        <source>De två nya lösenorden är inte likadana. Skriv det igen.</source>
        <translation>The two new passwords are not the same. Type it again.</translation>
    </message>
</context>
<context>
    <name>CloseCaseDialog</name>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="194"/>
        <source>Avsluta ärendet {ref}</source>
        <translation>Close the case {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="198"/>
        <source>Ärendet avslutas med datum och skäl. Det kan öppnas igen senare. Uppgifterna sparas tills de gallras enligt kommunens beslut.</source>
        <translation>The case is closed with a date and a reason. It can be reopened later. The records are kept until they are deleted by the municipality&apos;s retention decision.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="207"/>
        <source>Till exempel: målen i planen är uppnådda, eller personen har flyttat</source>
        <translation>For example: the plan&apos;s goals are reached, or the person has moved</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="216"/>
        <source>&amp;Skäl:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="217"/>
        <source>&amp;Datum:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="218"/>
        <source>Avsluta ä&amp;rendet</source>
        <translation>Close the &amp;case</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="219"/>
        <source>&amp;Avbryt</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="237"/>
        <source>Skriv varför ärendet avslutas.</source>
        <translation>Write why the case is closed.</translation>
    </message>
</context>
<context>
    <name>ConfirmDeletionDialog</name>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="101"/>
        <source>Bekräfta gallring</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="105"/>
        <source>&lt;p&gt;&lt;b&gt;Antal ärenden som gallras: {n}&lt;/b&gt;, enligt beslut per {as_of}. Allt om ärendena tas bort: uppgifter om personen, kartläggningar, planer, samtycken, uppföljningar och utkast. Kvar blir bara en loggpost per ärende med ärendets id, datum och beslut.&lt;/p&gt;&lt;p&gt;Det går inte att ångra.&lt;/p&gt;&lt;p&gt;Skriv antalet ärenden ({n}) för att bekräfta:&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Number of cases to delete: {n}&lt;/b&gt;, by decision as of {as_of}. Everything about the cases is removed: the person&apos;s details, assessments, plans, consents, follow-ups and drafts. Only one audit entry per case remains, with the case id, the date and the decision.&lt;/p&gt;&lt;p&gt;This cannot be undone.&lt;/p&gt;&lt;p&gt;Type the number of cases ({n}) to confirm:&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="117"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="119"/>
        <source>&amp;Gallra nu ({n})</source>
        <translation>&amp;Delete now ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="115"/>
        <source>Antal ärenden som gallras</source>
        <translation>Number of cases to delete</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="145"/>
        <source>Nytt samtycke</source>
        <translation>New consent</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="145"/>
        <source>Ändra samtycke</source>
        <translation>Change consent</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="153"/>
        <source>till exempel handläggare eller enhet</source>
        <translation>for example caseworker or unit</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="162"/>
        <source>Även &amp;kontaktuppgifter (adress, telefon, e-post) får lämnas ut</source>
        <translation>Contact &amp;details (address, phone, e-mail) may be shared too</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="166"/>
        <source>Sk&amp;yddsplanen får lämnas till polisens kontaktperson</source>
        <translation>The safet&amp;y plan may be given to the police contact</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="169"/>
        <source>&amp;till och med</source>
        <translation>&amp;until and including</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="173"/>
        <source>&amp;Skriftligt</source>
        <translation>&amp;Written</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="174"/>
        <source>Munt&amp;ligt, med vittne</source>
        <translation>&amp;Oral, with a witness</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="180"/>
        <source>vittnets för- och efternamn</source>
        <translation>the witness&apos;s first and last name</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="182"/>
        <source>till exempel socialsekreterare</source>
        <translation>for example social worker</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="185"/>
        <location filename="../../ui/case_view/consents_tab.py" line="287"/>
        <source>Bifoga &amp;inskannad kopia …</source>
        <translation>Attach a &amp;scanned copy …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="186"/>
        <source>Spara ko&amp;pian …</source>
        <translation>Save the cop&amp;y …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="206"/>
        <source>&amp;Mottagare:</source>
        <translation>&amp;Recipient:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="207"/>
        <source>&amp;Utförare:</source>
        <translation>&amp;Provider:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="208"/>
        <source>&amp;Namn på mottagaren:</source>
        <translation>Recipient &amp;name:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="210"/>
        <source>Kontaktuppgifter:</source>
        <translation>Contact details:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="211"/>
        <source>Skyddsplan:</source>
        <translation>Safety plan:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="212"/>
        <source>Gäller:</source>
        <translation>Valid:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="213"/>
        <source>Samtycket gavs:</source>
        <translation>Consent given:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="214"/>
        <source>&amp;Vittnets namn:</source>
        <translation>W&amp;itness&apos;s name:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="215"/>
        <source>Vittnets &amp;roll:</source>
        <translation>Witness&apos;s ro&amp;le:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="216"/>
        <source>Ant&amp;eckning:</source>
        <translation>No&amp;te:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="217"/>
        <source>Inskannad kopia:</source>
        <translation>Scanned copy:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="270"/>
        <source>Tills vidare: tills samtycket återkallas.</source>
        <translation>Until further notice: until the consent is withdrawn.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="272"/>
        <source>Samtycket gäller till och med den dagen.</source>
        <translation>The consent holds until and including that day.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="277"/>
        <source>Bifogas när du sparar: {name}</source>
        <translation>Attached when you save: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="279"/>
        <source>Bifogad: {what}</source>
        <translation>Attached: {what}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="281"/>
        <source>Ingen kopia bifogad.</source>
        <translation>No copy attached.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="285"/>
        <source>Byt &amp;inskannad kopia …</source>
        <translation>Replace the &amp;scanned copy …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="302"/>
        <source>Välj den inskannade kopian</source>
        <translation>Choose the scanned copy</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="304"/>
        <source>Inskannad kopia (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Scanned copy (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="326"/>
        <source>Kopian sparades som {name}.</source>
        <translation>The copy was saved as {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="209"/>
        <source>Områden som får delas:</source>
        <translation>Areas that may be shared:</translation>
    </message>
</context>
<context>
    <name>ConsentsTab</name>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="429"/>
        <source>Mottagare</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="430"/>
        <source>Områden</source>
        <translation>Areas</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="431"/>
        <source>Givet</source>
        <translation>Given</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="432"/>
        <source>Återkallat</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="433"/>
        <source>Gäller t.o.m.</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="434"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="435"/>
        <source>Kopia</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="445"/>
        <source>&amp;Nytt samtycke …</source>
        <translation>&amp;New consent …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="446"/>
        <source>Än&amp;dra …</source>
        <translation>Chan&amp;ge …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="447"/>
        <source>&amp;Återkalla</source>
        <translation>&amp;Withdraw</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="448"/>
        <source>Spara ko&amp;pian …</source>
        <translation>Save the cop&amp;y …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="501"/>
        <source> + kontaktuppgifter</source>
        <translation> + contact details</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="503"/>
        <source> + skyddsplanen</source>
        <translation> + the safety plan</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="508"/>
        <source> (muntligt)</source>
        <translation> (oral)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="510"/>
        <source>tills vidare</source>
        <translation>until withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="546"/>
        <source>Ett samtycke upphör inom {days} dagar.</source>
        <translation>One consent ends within {days} days.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="550"/>
        <source>{n} samtycken upphör inom {days} dagar.</source>
        <translation>{n} consents end within {days} days.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="556"/>
        <source>Ett samtycke har upphört: ett nytt behövs för att dela uppgifter.</source>
        <translation>One consent has ended: a new one is needed to share information.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="560"/>
        <source>{n} samtycken har upphört: nya behövs för att dela uppgifter.</source>
        <translation>{n} consents have ended: new ones are needed to share information.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="613"/>
        <source>Kopian sparades som {name}.</source>
        <translation>The copy was saved as {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="631"/>
        <source>Återkalla samtycke</source>
        <translation>Withdraw consent</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="633"/>
        <source>Återkalla samtycket från och med i dag? Det går inte att ångra; ett nytt samtycke kan ges senare.</source>
        <translation>Withdraw the consent from today? This cannot be undone; a new consent can be given later.</translation>
    </message>
</context>
<context>
    <name>ContactDetailsDialog</name>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="48"/>
        <source>Mina kontaktuppgifter</source>
        <translation>My contact details</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="52"/>
        <source>Det här skrivs ut på handlingsplanerna i dina ärenden, så att den enskilde och utförarna kan nå dig. Lämna tomt det som inte ska stå med.</source>
        <translation>This is printed on the action plans of your cases, so that the individual and the providers can reach you. Leave empty what should not be printed.</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="61"/>
        <source>till exempel 08-123 456 78</source>
        <translation>for example 08-123 456 78</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="63"/>
        <source>till exempel fornamn.efternamn@kommun.se</source>
        <translation>for example firstname.lastname@kommun.se</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="64"/>
        <source>Mina uppgifter i arbetet</source>
        <translation>My work details</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="66"/>
        <source>&amp;Telefon:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="67"/>
        <source>&amp;E-post:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="69"/>
        <source>Enhetens kontaktuppgifter</source>
        <translation>The unit&apos;s contact details</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="71"/>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="76"/>
        <source>till exempel Kungsgatan 5, Kungsängen</source>
        <translation>for example Kungsgatan 5, Kungsängen</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="84"/>
        <source>E&amp;nhet:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="85"/>
        <source>Te&amp;lefon:</source>
        <translation>P&amp;hone:</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="86"/>
        <source>E-&amp;post:</source>
        <translation>E&amp;mail:</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="87"/>
        <source>&amp;Besöksadress:</source>
        <translation>&amp;Visiting address:</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="90"/>
        <source>Skrivs ut på den enskildes plan. Gäller alla på enheten.</source>
        <translation>Printed on the individual&apos;s plan. Applies to everyone in the unit.</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="97"/>
        <source>Skrivs ut på den enskildes plan. Ändras av en administratör.</source>
        <translation>Printed on the individual&apos;s plan. Changed by an administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="101"/>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="103"/>
        <source>&amp;Avbryt</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="163"/>
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="164"/>
        <source>E-post</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/contacts/dialog.py" line="165"/>
        <source>Besöksadress</source>
        <translation>Visiting address</translation>
    </message>
</context>
<context>
    <name>DecisionBadgeAction</name>
    <message>
        <location filename="../../ui/review/badges.py" line="117"/>
        <source>&amp;Beslut ({n})</source>
        <translation>&amp;Decisions ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/review/badges.py" line="117"/>
        <source>&amp;Beslut</source>
        <translation>&amp;Decisions</translation>
    </message>
    <message>
        <location filename="../../ui/review/badges.py" line="119"/>
        <source>{n} nya beslut om dina planer</source>
        <translation>{n} new decisions on your plans</translation>
    </message>
    <message>
        <location filename="../../ui/review/badges.py" line="121"/>
        <source>Inga nya beslut om dina planer</source>
        <translation>No new decisions on your plans</translation>
    </message>
</context>
<context>
    <name>DecisionsDialog</name>
    <message>
        <location filename="../../ui/review/badges.py" line="38"/>
        <source>Nya beslut om dina planer</source>
        <translation>New decisions on your plans</translation>
    </message>
    <message>
        <location filename="../../ui/review/badges.py" line="41"/>
        <source>Dubbelklicka på ett beslut för att öppna ärendet.</source>
        <translation>Double-click a decision to open the case.</translation>
    </message>
    <message>
        <location filename="../../ui/review/badges.py" line="47"/>
        <source>Ärende</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/review/badges.py" line="48"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/review/badges.py" line="49"/>
        <source>Beslut</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/review/badges.py" line="50"/>
        <source>Av, när</source>
        <translation>By, when</translation>
    </message>
    <message>
        <location filename="../../ui/review/badges.py" line="51"/>
        <source>Kommentar</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>EditIndividualDialog</name>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="51"/>
        <source>Ändra personuppgifter – {ref}</source>
        <translation>Edit personal details – {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="57"/>
        <source>ÅÅÅÅMMDD-NNNN, tomt om det saknas</source>
        <translation>YYYYMMDD-NNNN, empty if there is none</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="67"/>
        <source>&amp;Namn:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="68"/>
        <source>&amp;Personnummer:</source>
        <translation>&amp;Personal identity number:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="69"/>
        <source>S&amp;kyddsnivå:</source>
        <translation>Pro&amp;tection level:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="70"/>
        <source>Dold (skyddade personuppgifter)</source>
        <translation>Hidden (protected personal data)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="71"/>
        <source>&amp;Visa och ändra adressen</source>
        <translation>&amp;Show and edit the address</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="77"/>
        <source>Adress:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="79"/>
        <source>&amp;Gatuadress:</source>
        <translation>&amp;Street address:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="80"/>
        <source>P&amp;ostnummer:</source>
        <translation>P&amp;ostal code:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="81"/>
        <source>O&amp;rt:</source>
        <translation>&amp;Town:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="89"/>
        <source>&amp;Telefon:</source>
        <translation>P&amp;hone:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="90"/>
        <source>&amp;E-post:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="92"/>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="94"/>
        <source>&amp;Avbryt</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/case_actions.py" line="174"/>
        <source>Personuppgifterna sparades inte: {detail} Stäng rutan och öppna ärendet igen för att se den andra ändringen; det du skrivit här finns kvar tills du stänger.</source>
        <translation>The personal details were not saved: {detail} Close this window and open the case again to see the other change; what you typed here stays until you close it.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/startup/first_run.py" line="63"/>
        <source>Kom igång – ny databas</source>
        <translation>Getting started – new database</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="76"/>
        <source>&lt;h2&gt;Välkommen&lt;/h2&gt;&lt;p&gt;Det finns ingen databas ännu. Här skapas en ny, krypterad databas på den här datorn och den första administratören.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;There is no database yet. This creates a new, encrypted database on this computer and the first administrator.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="83"/>
        <source>Databasen skapas i: {path}</source>
        <translation>The database is created in: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="89"/>
        <source>till exempel Vuxenenheten</source>
        <translation>for example Adult services</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="96"/>
        <source>&amp;Enhet:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="97"/>
        <source>&amp;Administratörens användarnamn:</source>
        <translation>&amp;Administrator&apos;s user name:</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="99"/>
        <source>&amp;Lösenord (minst {n} tecken):</source>
        <translation>&amp;Password (at least {n} characters):</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="102"/>
        <source>&amp;Upprepa lösenordet:</source>
        <translation>&amp;Repeat the password:</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="104"/>
        <source>&amp;Skapa databasen</source>
        <translation>&amp;Create the database</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="107"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="129"/>
        <source>Lösenorden är inte likadana.</source>
        <translation>The passwords are not the same.</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="133"/>
        <source>Skapar databasen och nycklarna …</source>
        <translation>Creating the database and the keys …</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="190"/>
        <source>&lt;h2&gt;Återställningsnyckel&lt;/h2&gt;&lt;p&gt;Databasen är skapad. Nyckeln nedan är det &lt;b&gt;enda&lt;/b&gt; sättet att komma åt uppgifterna om alla lösenord glöms bort. Den visas bara nu.&lt;/p&gt;&lt;p&gt;Skriv ut den eller skriv av den och förvara den inlåst, åtskild från datorn (till exempel i enhetens kassaskåp). Spara den inte i en vanlig fil på datorn.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Recovery key&lt;/h2&gt;&lt;p&gt;The database is created. The key below is the &lt;b&gt;only&lt;/b&gt; way to reach the records if every password is forgotten. It is shown only now.&lt;/p&gt;&lt;p&gt;Print it or copy it by hand and keep it locked away, apart from the computer (for example in the unit&apos;s safe). Do not save it in an ordinary file on the computer.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="207"/>
        <source>&amp;Kopiera</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="209"/>
        <source>Skriv &amp;ut …</source>
        <translation>&amp;Print …</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="218"/>
        <source>&amp;Jag har sparat nyckeln</source>
        <translation>&amp;I have stored the key</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="219"/>
        <source>&amp;Fortsätt till inloggningen</source>
        <translation>&amp;Continue to sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/startup/first_run.py" line="244"/>
        <source>Återställningsnyckel för databasen {where}

{key}

Förvaras inlåst. Sekretess enligt OSL 26 kap. 1 §.</source>
        <translation>Recovery key for the database {where}

{key}

Keep locked away. Confidential under OSL chapter 26 section 1.</translation>
    </message>
</context>
<context>
    <name>FollowUpComparison</name>
    <message>
        <location filename="../../ui/followup/comparison.py" line="62"/>
        <source>Formulär med poäng</source>
        <translation>Scored forms</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="64"/>
        <source>Skattningar över tid</source>
        <translation>Ratings over time</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="68"/>
        <source>Område</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="69"/>
        <source>Tidigare
egen / handläggare</source>
        <translation>Earlier
own / worker</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="70"/>
        <source>Nu
egen / handläggare</source>
        <translation>Now
own / worker</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="71"/>
        <source>Förändring</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="77"/>
        <source>Förändring per område</source>
        <translation>Change per area</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="126"/>
        <source>Jämförelsen visas när det finns minst två kartläggningar.</source>
        <translation>The comparison is shown when there are at least two assessments.</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="132"/>
        <source>Förändring från {old} ({old_kind}) till {new} ({new_kind})</source>
        <translation>Change from {old} ({old_kind}) to {new} ({new_kind})</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="143"/>
        <source>Skattningarna är 0–4: högre betyder större behov av stöd. ▼ betyder mindre behov, ▲ större behov (handläggarens skattning).</source>
        <translation>Ratings are 0–4: higher means a greater need for support. ▼ means less need, ▲ more need (the worker&apos;s rating).</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="148"/>
        <source>Den senaste kartläggningen är inte avslutad än.</source>
        <translation>The latest assessment is not completed yet.</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="152"/>
        <source>{added} områden är nya och {removed} finns inte längre i den nyare frågemallen; de jämförs inte.</source>
        <translation>{added} areas are new and {removed} are no longer in the newer template; they are not compared.</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="162"/>
        <source>{title}: {total} av {max} poäng ({date})</source>
        <translation>{title}: {total} of {max} points ({date})</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="174"/>
        <source>Förra gången {date}: {total} – {band}, förändring {sign}{n}</source>
        <translation>Last time {date}: {total} – {band}, change {sign}{n}</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="184"/>
        <source>Förra gången {date}: {total}, förändring {sign}{n}</source>
        <translation>Last time {date}: {total}, change {sign}{n}</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="218"/>
        <source>akut</source>
        <translation>urgent</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="219"/>
        <source>ej aktuellt</source>
        <translation>not relevant</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="220"/>
        <source>ej besvarat</source>
        <translation>not answered</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="230"/>
        <source>– kan inte jämföras</source>
        <translation>– cannot be compared</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="232"/>
        <source>▼ {n} mindre behov</source>
        <translation>▼ {n} less need</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="234"/>
        <source>▲ {n} större behov</source>
        <translation>▲ {n} more need</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="236"/>
        <source>● oförändrat</source>
        <translation>● unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/followup/comparison.py" line="240"/>
        <source>(egen skattning {arrow} {n:+d})</source>
        <translation>(own rating {arrow} {n:+d})</translation>
    </message>
</context>
<context>
    <name>FollowUpsTab</name>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="344"/>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="344"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="344"/>
        <source>Uppföljande kartläggning</source>
        <translation>Follow-up assessment</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="348"/>
        <source>Ny upp&amp;följning</source>
        <translation>New &amp;follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="351"/>
        <source>Gör en uppföljande kartläggning med den senaste frågemallen. När den är slutförd markeras nästa planerade uppföljning som genomförd.</source>
        <translation>Make a follow-up assessment with the latest template. When it is completed, the next scheduled follow-up is marked as done.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="361"/>
        <source>Ny uppföljning &amp;den:</source>
        <translation>New follow-up &amp;on:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="363"/>
        <source>&amp;Planera</source>
        <translation>&amp;Schedule</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="364"/>
        <source>Markera som &amp;genomförd</source>
        <translation>Mark as &amp;done</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="404"/>
        <source>Genomförd {date}</source>
        <translation>Done {date}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="406"/>
        <source>Försenad</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="408"/>
        <source>Planerad</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="409"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="464"/>
        <source>Välj uppföljningen i listan först.</source>
        <translation>Choose the follow-up in the list first.</translation>
    </message>
</context>
<context>
    <name>GoalBox</name>
    <message>
        <location filename="../../ui/plan/rows.py" line="213"/>
        <source>Målet med personens egna ord</source>
        <translation>The goal in the person&apos;s own words</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="214"/>
        <source>Mål för {area}</source>
        <translation>Goal for {area}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="218"/>
        <source>Lägg till &amp;insats</source>
        <translation>Add &amp;action</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="222"/>
        <source>Ta bort målet</source>
        <translation>Remove the goal</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="224"/>
        <source>Tar bort målet och dess insatser (kan ångras). Med tangentbordet i målets textruta: {keys}</source>
        <translation>Removes the goal and its actions (can be undone). With the keyboard in the goal&apos;s text field: {keys}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/rows.py" line="231"/>
        <source>Mål:</source>
        <translation>Goal:</translation>
    </message>
</context>
<context>
    <name>HandleUrgentDialog</name>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="71"/>
        <source>Registrera åtgärd – akut</source>
        <translation>Record action – urgent</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="73"/>
        <source>{area}: {message} (sedan {when})</source>
        <translation>{area}: {message} (since {when})</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="90"/>
        <source>Vad gjordes, av vem, vad händer nu?</source>
        <translation>What was done, by whom, what happens next?</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="97"/>
        <source>Åtgärder:</source>
        <translation>Actions:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="98"/>
        <source>&amp;Anteckning:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="99"/>
        <source>&amp;När:</source>
        <translation>&amp;When:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="102"/>
        <source>&amp;Spara åtgärden</source>
        <translation>&amp;Save the action</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="143"/>
        <source>Händelse</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="143"/>
        <source>Tid</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="143"/>
        <source>Användare</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="174"/>
        <source>(okänd)</source>
        <translation>(unknown)</translation>
    </message>
</context>
<context>
    <name>InstrumentDialog</name>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="193"/>
        <source>Frågorna visas med den officiella lydelsen ({source}).</source>
        <translation>The questions are shown in the official wording ({source}).</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="200"/>
        <source>Frågorna visas som korta etiketter. Läs frågorna ur formulärets officiella lydelse för personen.</source>
        <translation>The questions are shown as short labels. Read the questions to the person from the form&apos;s official wording.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="207"/>
        <source>Inte valt (visar båda gränsvärdena)</source>
        <translation>Not chosen (shows both cut-offs)</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="209"/>
        <source>Kvinna</source>
        <translation>Woman</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="211"/>
        <source>Man</source>
        <translation>Man</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="215"/>
        <source>&amp;Gränsvärden för:</source>
        <translation>&amp;Cut-offs for:</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="287"/>
        <source>&amp;Klar</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="288"/>
        <source>&amp;Töm alla svar</source>
        <translation>&amp;Clear all answers</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="291"/>
        <source>&amp;Avbryt</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="301"/>
        <source>S&amp;täng</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="347"/>
        <source>Tolkningen visas när alla frågor är besvarade.</source>
        <translation>The reading shows when every question is answered.</translation>
    </message>
</context>
<context>
    <name>InstrumentPanel</name>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="379"/>
        <source>Formulär med poäng (frivilliga)</source>
        <translation>Scored forms (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="390"/>
        <source>Öppna {name} …</source>
        <translation>Open {name} …</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="392"/>
        <source>Öppna formuläret {name}</source>
        <translation>Open the form {name}</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="411"/>
        <source>Den officiella lydelsen i {file} kunde inte läsas; frågorna visas med korta etiketter. Kontakta den som administrerar mallarna.</source>
        <translation>The official wording in {file} could not be read; the questions are shown as short labels. Contact whoever administers the templates.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="418"/>
        <source>Ett formulär kunde inte läsas: {file}. Kontakta den som administrerar mallarna.</source>
        <translation>A form could not be read: {file}. Contact whoever administers the templates.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="434"/>
        <source>Inte ifyllt.</source>
        <translation>Not filled in.</translation>
    </message>
</context>
<context>
    <name>InstrumentTexts</name>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="112"/>
        <source>Summa: {total} av {max} poäng</source>
        <translation>Total: {total} of {max} points</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="115"/>
        <source>Summa hittills: {total} poäng – {answered} av {items} frågor besvarade</source>
        <translation>Total so far: {total} points – {answered} of {items} questions answered</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="123"/>
        <source>Förra gången ({date}): {total} poäng – {band}.</source>
        <translation>Last time ({date}): {total} points – {band}.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="138"/>
        <source>Förra gången ({date}): inte helt ifyllt.</source>
        <translation>Last time ({date}): not completely filled in.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="130"/>
        <source>Förra gången ({date}): {total} poäng.</source>
        <translation>Last time ({date}): {total} points.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/instrument_dialog.py" line="145"/>
        <source>Förändring: {sign}{delta}</source>
        <translation>Change: {sign}{delta}</translation>
    </message>
</context>
<context>
    <name>InterviewPage</name>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="445"/>
        <source>Utkast autosparat {time}</source>
        <translation>Draft autosaved {time}</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="460"/>
        <source>Autosparningen misslyckades: {reason}</source>
        <translation>Autosave failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="135"/>
        <source>Områden</source>
        <translation>Areas</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="164"/>
        <source>◀ &amp;Föregående område</source>
        <translation>◀ &amp;Previous area</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="165"/>
        <source>&amp;Nästa område ▶</source>
        <translation>&amp;Next area ▶</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="166"/>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="167"/>
        <source>Spara och s&amp;täng</source>
        <translation>Save and c&amp;lose</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="168"/>
        <source>Slutför &amp;kartläggningen</source>
        <translation>&amp;Complete the assessment</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="216"/>
        <source>{kind} {date} – {title}</source>
        <translation>{kind} {date} – {title}</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="234"/>
        <source>S&amp;täng</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="236"/>
        <source>Kartläggningen är avslutad och kan bara läsas.</source>
        <translation>The assessment is completed and can only be read.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="352"/>
        <source>⚠ akut</source>
        <translation>⚠ urgent</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="366"/>
        <source>Akut – behöver hanteras nu:</source>
        <translation>Urgent – needs handling now:</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="410"/>
        <source>Ändrat – sparas automatiskt som utkast</source>
        <translation>Changed – saved automatically as a draft</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="470"/>
        <source>Det finns svar som sparades på den här datorn {when} när servern inte gick att nå, och som inte har sparats i kartläggningen än. Vill du fortsätta med dem?</source>
        <translation>There are answers saved on this computer {when} while the server could not be reached, not yet saved in the assessment. Do you want to continue with them?</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="479"/>
        <source>Det finns ett automatiskt sparat utkast från {when} med ändringar som inte är sparade i kartläggningen. Vill du fortsätta med utkastet?</source>
        <translation>There is an automatically saved draft from {when} with changes that are not saved in the assessment. Do you want to continue with the draft?</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="514"/>
        <source>Uppföljningen görs på version {old} av frågorna. Version {new} har nya frågor; du kan flytta uppföljningen dit och behålla svaren.</source>
        <translation>The follow-up uses version {old} of the questions. Version {new} has new questions; you can move the follow-up there and keep the answers.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="520"/>
        <source>&amp;Visa och flytta till version {v} …</source>
        <translation>&amp;Show and move to version {v} …</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="570"/>
        <source>Uppföljningen är flyttad till version {v}: {carried} svar fördes över ({moved} till ett annat område), {new} frågor är nya och {dropped} svar kunde inte föras över.</source>
        <translation>The follow-up has moved to version {v}: {carried} answers were carried over ({moved} to another area), {new} questions are new and {dropped} answers could not be carried over.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="585"/>
        <source>&amp;Återställ utkastet</source>
        <translation>&amp;Restore the draft</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="586"/>
        <source>&amp;Kasta utkastet</source>
        <translation>&amp;Discard the draft</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="488"/>
        <source>Det finns en kopia av svaren som sparades på den här datorn {when} när servern inte gick att nå, och som skiljer sig från utkastet på servern. Vill du använda kopian i stället?</source>
        <translation>There is a copy of the answers that was saved on this computer {when} when the server could not be reached, and that differs from the draft on the server. Do you want to use the copy instead?</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="494"/>
        <source>Använd &amp;kopian</source>
        <translation>Use the &amp;copy</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="495"/>
        <source>Kasta k&amp;opian</source>
        <translation>Discard the c&amp;opy</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="617"/>
        <source>Utkastet är återställt – spara när du är klar</source>
        <translation>The draft is restored – save when you are done</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="625"/>
        <source>Utkastet är kastat</source>
        <translation>The draft is discarded</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="643"/>
        <source>Sparar …</source>
        <translation>Saving …</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="666"/>
        <source>Kartläggningen har ändrats av någon annan sedan du öppnade den. Dina ändringar finns kvar som utkast. {detail}</source>
        <translation>Someone else changed the assessment after you opened it. Your changes are kept as a draft. {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="653"/>
        <source>Sparat {time}</source>
        <translation>Saved {time}</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="658"/>
        <source>Servern går inte att nå. Svaren är sparade krypterat på den här datorn och sparas i kartläggningen så snart servern går att nå igen. Du kan fortsätta.</source>
        <translation>The server cannot be reached. The answers are saved encrypted on this computer and are saved in the assessment as soon as the server can be reached again. You can carry on.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="451"/>
        <source>Sparat på den här datorn {time} – väntar på servern</source>
        <translation>Saved on this computer {time} – waiting for the server</translation>
    </message>
    <message>
        <location filename="../../ui/interview/interview_page.py" line="704"/>
        <source>Kartläggningen kan inte slutföras än: {missing} obligatoriska svar saknas, {wrong} svar behöver rättas och {unrated} områden saknar skattning eller motivering. Områden som inte är klara är markerade i listan.</source>
        <translation>The assessment cannot be completed yet: {missing} required answers are missing, {wrong} answers need correcting and {unrated} areas lack a rating or a reason. Areas that are not finished are marked in the list.</translation>
    </message>
</context>
<context>
    <name>LifecycleChecks</name>
    <message>
        <location filename="../../ui/admin/lifecycle_checks.py" line="120"/>
        <source>Det finns ingen säkerhetskopia av databasen ännu.</source>
        <translation>There is no backup of the database yet.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lifecycle_checks.py" line="122"/>
        <source>Det är {n} dagar sedan senaste säkerhetskopian.</source>
        <translation>It is {n} days since the last backup.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lifecycle_checks.py" line="125"/>
        <source>Säkerhetskopiera nu …</source>
        <translation>Back up now …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lifecycle_checks.py" line="129"/>
        <source>Be administratören göra en säkerhetskopia.</source>
        <translation>Ask the administrator to make a backup.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lifecycle_checks.py" line="138"/>
        <source>Spara säkerhetskopian</source>
        <translation>Save the backup</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lifecycle_checks.py" line="140"/>
        <source>Säkerhetskopia (*.sqlite3)</source>
        <translation>Backup (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lifecycle_checks.py" line="148"/>
        <source>En serverdatabas säkerhetskopieras av IT med serverns egna verktyg, inte från appen.</source>
        <translation>A server database is backed up by IT with the server&apos;s own tools, not from the app.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lifecycle_checks.py" line="163"/>
        <source>Säkerhetskopierar …</source>
        <translation>Backing up …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lifecycle_checks.py" line="171"/>
        <source>Säkerhetskopian är sparad: {name} (med kontrollfilen {manifest}). Förvara den lika säkert som datorn; den är krypterad.</source>
        <translation>The backup is saved: {name} (with the check file {manifest}). Keep it as safely as the computer; it is encrypted.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/lock.py" line="46"/>
        <source>&amp;Lås upp</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="49"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="51"/>
        <source>Logga &amp;ut</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="55"/>
        <source>&amp;Lösenord för {user}:</source>
        <translation>&amp;Password for {user}:</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="84"/>
        <source>Skärmen är låst</source>
        <translation>The screen is locked</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="87"/>
        <source>Appen låstes efter en stunds inaktivitet. Det du höll på med är sparat och finns kvar när du låser upp.</source>
        <translation>The app locked after a while without activity. What you were doing is saved and is still there when you unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="92"/>
        <source>Avsluta mötesläget</source>
        <translation>Leave meeting mode</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="93"/>
        <source>Skriv ditt lösenord för att visa ärendelistan igen.</source>
        <translation>Type your password to show the case list again.</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="103"/>
        <source>Skriv ditt lösenord.</source>
        <translation>Type your password.</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location filename="../../ui/log_review/page.py" line="72"/>
        <source>Tidpunkt</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="73"/>
        <source>Användare</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="74"/>
        <source>Händelse</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="75"/>
        <source>Ärende</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="76"/>
        <source>Objekt</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../ui/log_review/page.py" line="77"/>
        <source>Detalj</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="81"/>
        <location filename="../../ui/main_window.py" line="730"/>
        <source>Kartläggning och handlingsplan</source>
        <translation>Needs assessment and action plan</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>&lt;h2&gt;Mötesläge&lt;/h2&gt;&lt;p&gt;Ärendelistan är dold under mötet.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Meeting mode&lt;/h2&gt;&lt;p&gt;The case list is hidden during the meeting.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>Inloggad som {user} ({role})</source>
        <translation>Signed in as {user} ({role})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>Verktyg</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>Ärende&amp;listan</source>
        <translation>Case &amp;list</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>&amp;Att göra</source>
        <translation>&amp;To do</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>Det som är försenat och det som ska göras den här veckan</source>
        <translation>What is overdue and what is due this week</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>&amp;Nytt ärende …</source>
        <translation>&amp;New case …</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>&amp;Mötesläge</source>
        <translation>&amp;Meeting mode</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>Döljer ärendelistan och andra personers namn medan den enskilde ser skärmen</source>
        <translation>Hides the case list and other people&apos;s names while the individual can see the screen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>&amp;Lås skärmen</source>
        <translation>&amp;Lock the screen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>Logga &amp;ut</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196"/>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>&amp;Granskning</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198"/>
        <source>Planer som väntar på granskning, försenade uppföljningar och akuta flaggor</source>
        <translation>Plans waiting for review, overdue follow-ups and urgent flags</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Logg&amp;uppföljning</source>
        <translation>Access &amp;log</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="203"/>
        <source>S&amp;tatistik</source>
        <translation>S&amp;tatistics</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204"/>
        <source>Avidentifierad statistik för enheten</source>
        <translation>Anonymised statistics for the unit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206"/>
        <source>Utförar&amp;register</source>
        <translation>&amp;Provider register</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>&amp;Beslut</source>
        <translation>&amp;Decisions</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>&amp;Säkerhetskopiera databasen …</source>
        <translation>&amp;Back up the database …</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>&amp;Inställningar …</source>
        <translation>&amp;Settings …</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215"/>
        <source>Mina &amp;kontaktuppgifter …</source>
        <translation>My &amp;contact details …</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>Telefon och e-post som skrivs ut på handlingsplanerna</source>
        <translation>Phone and email printed on the action plans</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source>&amp;Byt lösenord …</source>
        <translation>&amp;Change password …</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222"/>
        <source>&amp;Om Kartläggning …</source>
        <translation>&amp;About Kartläggning …</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="224"/>
        <source>&amp;Arkiv</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225"/>
        <source>&amp;Visa</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="226"/>
        <source>&amp;Hjälp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="310"/>
        <source>&amp;Granskning ({n} akuta)</source>
        <translation>&amp;Review ({n} urgent)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>Väntar på databasen … Det tar längre tid än vanligt. Du kan fortsätta; det du skriver finns kvar.</source>
        <translation>Waiting for the database … It is taking longer than usual. You can go on; what you type is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="443"/>
        <source>Det du skrivit kunde inte sparas som utkast, så sidan är kvar. Försök igen om en stund.</source>
        <translation>What you typed could not be saved as a draft, so the page stays. Try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="583"/>
        <location filename="../../ui/main_window.py" line="586"/>
        <source>Att göra</source>
        <translation>To do</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="665"/>
        <source>Lösenordet är bytt.</source>
        <translation>The password is changed.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="696"/>
        <source>Personen fanns redan i registret (samma personnummer). Det nya ärendet är kopplat till personens befintliga uppgifter; kontrollera namn och kontaktuppgifter.</source>
        <translation>The person was already in the register (same personnummer). The new case is linked to the person&apos;s existing record; check the name and contact details.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="728"/>
        <source>Kartläggning och handlingsplan – mötesläge</source>
        <translation>Needs assessment and action plan – meeting mode</translation>
    </message>
</context>
<context>
    <name>MeetingField</name>
    <message>
        <location filename="../../ui/plan/meeting.py" line="32"/>
        <source>Bokat</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../ui/plan/meeting.py" line="33"/>
        <source>Nästa möte är bokat</source>
        <translation>The next meeting is booked</translation>
    </message>
    <message>
        <location filename="../../ui/plan/meeting.py" line="37"/>
        <source>Dag och tid för nästa möte</source>
        <translation>Day and time of the next meeting</translation>
    </message>
    <message>
        <location filename="../../ui/plan/meeting.py" line="41"/>
        <source>inget möte bokat</source>
        <translation>no meeting booked</translation>
    </message>
    <message>
        <location filename="../../ui/plan/meeting.py" line="44"/>
        <source>till exempel Socialkontoret, Kungsgatan 5, rum 12</source>
        <translation>for example the social services office, Kungsgatan 5, room 12</translation>
    </message>
    <message>
        <location filename="../../ui/plan/meeting.py" line="45"/>
        <source>Plats för nästa möte</source>
        <translation>Place of the next meeting</translation>
    </message>
    <message>
        <location filename="../../ui/plan/meeting.py" line="46"/>
        <source>P&amp;lats:</source>
        <translation>P&amp;lace:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/meeting.py" line="49"/>
        <source>Utförarna är med på mötet (tid och plats skrivs ut i deras uppdrag)</source>
        <translation>The providers take part in the meeting (time and place are printed in their assignment)</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../ui/cases/new_case.py" line="42"/>
        <source>Nytt ärende</source>
        <translation>New case</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="47"/>
        <source>ÅÅÅÅMMDD-NNNN (lämna tomt om det saknas)</source>
        <translation>YYYYMMDD-NNNN (leave empty if there is none)</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="62"/>
        <source>Skyddade personuppgifter: namnet döljs i listor, adressen skrivs aldrig ut och varje öppning loggas.</source>
        <translation>Protected personal data: the name is hidden in lists, the address is never printed and every opening is logged.</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="75"/>
        <source>&amp;Namn:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="76"/>
        <source>&amp;Personnummer:</source>
        <translation>&amp;Personal identity number:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="78"/>
        <source>&amp;Adress:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="79"/>
        <source>P&amp;ostnummer:</source>
        <translation>P&amp;ostal code:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="80"/>
        <source>Or&amp;t:</source>
        <translation>&amp;Town:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="81"/>
        <source>&amp;Telefon:</source>
        <translation>P&amp;hone:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="82"/>
        <source>&amp;E-post:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="83"/>
        <source>&amp;Skyddsnivå:</source>
        <translation>Protection &amp;level:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="85"/>
        <source>&amp;Kontaktväg:</source>
        <translation>&amp;Referral source:</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="89"/>
        <source>&amp;Skapa ärendet</source>
        <translation>&amp;Create the case</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="91"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/cases/new_case.py" line="140"/>
        <source>Skriv personens namn.</source>
        <translation>Write the person&apos;s name.</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <location filename="../../ui/admin/users_page.py" line="67"/>
        <source>Nytt lösenord för {user}</source>
        <translation>New password for {user}</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="71"/>
        <source>Det gamla lösenordet slutar fungera. Kontot aktiveras och användaren kan låsa upp databasen med det nya lösenordet. Be användaren byta det vid första inloggningen.</source>
        <translation>The old password stops working. The account is enabled and the user can unlock the database with the new password. Ask the user to change it at the first sign-in.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="85"/>
        <source>&amp;Nytt lösenord (minst {n} tecken):</source>
        <translation>&amp;New password (at least {n} characters):</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="88"/>
        <source>&amp;Upprepa:</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="93"/>
        <source>&amp;Spara lösenordet</source>
        <translation>&amp;Save the password</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="106"/>
        <source>Lösenorden är inte likadana.</source>
        <translation>The passwords are not the same.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="93"/>
        <source>◀ &amp;Föregående sida</source>
        <translation>◀ &amp;Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="94"/>
        <source>&amp;Nästa sida ▶</source>
        <translation>&amp;Next page ▶</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="97"/>
        <location filename="../../ui/plan/pdf_view.py" line="118"/>
        <source>Sida</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="98"/>
        <source>av {n}</source>
        <translation>of {n}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="100"/>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="101"/>
        <source>Anpassa till bredden</source>
        <translation>Fit to width</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="105"/>
        <source>Zooma ut</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="107"/>
        <source>Zooma in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="111"/>
        <source>Skriv &amp;ut …</source>
        <translation>&amp;Print …</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="112"/>
        <source>Spara som &amp;PDF …</source>
        <translation>Save as &amp;PDF …</translation>
    </message>
    <message>
        <location filename="../../ui/plan/pdf_view.py" line="113"/>
        <source>S&amp;täng</source>
        <translation>C&amp;lose</translation>
    </message>
</context>
<context>
    <name>PlanConflictDialog</name>
    <message>
        <location filename="../../ui/plan/conflict.py" line="61"/>
        <source>Planen har ändrats av någon annan</source>
        <translation>The plan was changed by someone else</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="79"/>
        <source>Behåll &amp;min version</source>
        <translation>Keep &amp;my version</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="80"/>
        <source>Ta den &amp;sparade versionen</source>
        <translation>Take the &amp;saved version</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="81"/>
        <source>Spara &amp;sammanslagen plan</source>
        <translation>Save the &amp;merged plan</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="82"/>
        <source>&amp;Avbryt</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="105"/>
        <source>Sparad av {who} {when}</source>
        <translation>Saved by {who} {when}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="106"/>
        <location filename="../../ui/plan/conflict.py" line="308"/>
        <source>en annan användare</source>
        <translation>another user</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="115"/>
        <source>Någon annan sparade planen medan du arbetade med den. Inget har skrivits över. Här är båda versionerna sida vid sida: välj din version, den sparade versionen eller en sammanslagning där du väljer del för del. {n} delar är ändrade i båda versionerna och behöver ditt val.</source>
        <translation>Someone else saved the plan while you were working on it. Nothing was overwritten. Here are both versions side by side: choose your version, the saved version, or a merge where you choose part by part. {n} parts were changed in both versions and need your choice.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="122"/>
        <source>Del</source>
        <translation>Part</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="122"/>
        <source>Min version</source>
        <translation>My version</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="122"/>
        <source>Gäller</source>
        <translation>Applies</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="138"/>
        <source>{n} delar är likadana i båda versionerna och visas inte.</source>
        <translation>{n} parts are the same in both versions and are not shown.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="155"/>
        <source>Välj min</source>
        <translation>Choose mine</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="156"/>
        <source>Välj den sparade</source>
        <translation>Choose the saved one</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="157"/>
        <source>Vilken version gäller för {part}</source>
        <translation>Which version applies for {part}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="177"/>
        <source>Mål – {area}</source>
        <translation>Goal – {area}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="181"/>
        <source>Insats</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="185"/>
        <location filename="../../ui/plan/conflict.py" line="210"/>
        <source>Din ändring tas med</source>
        <translation>Your change is included</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="187"/>
        <location filename="../../ui/plan/conflict.py" line="212"/>
        <source>Den sparade ändringen tas med</source>
        <translation>The saved change is included</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="199"/>
        <source>Uppföljning</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="200"/>
        <source>Nästa möte, dag och tid</source>
        <translation>Next meeting, day and time</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="201"/>
        <source>Nästa möte, plats</source>
        <translation>Next meeting, place</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="202"/>
        <source>Utförarna är med på mötet</source>
        <translation>The providers take part in the meeting</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="203"/>
        <source>Anteckning</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="208"/>
        <source>Lika i båda</source>
        <translation>Same in both</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="224"/>
        <source>(tomt)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="226"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="226"/>
        <source>Nej</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="233"/>
        <source>(ny)</source>
        <translation>(new)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="234"/>
        <source>(ändrad)</source>
        <translation>(changed)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="235"/>
        <source>(borttagen)</source>
        <translation>(removed)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="239"/>
        <source>(finns inte)</source>
        <translation>(not there)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="254"/>
        <source>klart senast {date}</source>
        <translation>due by {date}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="256"/>
        <source>följs upp: {how}</source>
        <translation>followed up: {how}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="258"/>
        <source>resultat: {what}</source>
        <translation>result: {what}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/conflict.py" line="306"/>
        <source>Planen sparades igen av {who} medan du valde. Jämförelsen visar nu den senaste versionen; välj igen. Inget har skrivits över.</source>
        <translation>The plan was saved again by {who} while you were choosing. The comparison now shows the latest version; choose again. Nothing was overwritten.</translation>
    </message>
</context>
<context>
    <name>PlanDocumentsBar</name>
    <message>
        <location filename="../../ui/plan/documents.py" line="75"/>
        <source>Utskrift av planen</source>
        <translation>Printing the plan</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="93"/>
        <source>Dokument för</source>
        <translation>Document for</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="94"/>
        <source>&amp;Dokument för:</source>
        <translation>&amp;Document for:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="96"/>
        <source>&amp;Förhandsgranska</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="97"/>
        <source>Skriv &amp;ut …</source>
        <translation>&amp;Print …</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="98"/>
        <source>Spara som &amp;PDF …</source>
        <translation>Save as &amp;PDF …</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="131"/>
        <source>Den enskilde (hela planen)</source>
        <translation>The individual (the whole plan)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="140"/>
        <source>Utförare: {name}</source>
        <translation>Provider: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="142"/>
        <source>(samtycke saknas)</source>
        <translation>(no consent)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="148"/>
        <source>Bara den gällande versionen av planen kan skrivas ut.</source>
        <translation>Only the current version of the plan can be printed.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="194"/>
        <source>Planen är inte beslutad</source>
        <translation>The plan is not decided</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="196"/>
        <source>Planen är inte godkänd av arbetsledaren. Ett dokument till {name} görs bara av en godkänd plan, om det inte finns ett skäl att lämna det nu. Skriv skälet: det sparas i planens historik och loggas. Dokumentet märks ”UTKAST – inte beslutad” på varje sida.</source>
        <translation>The plan has not been approved by the supervisor. A document for {name} is made only from an approved plan, unless there is a reason to hand it over now. Write the reason: it is kept in the plan&apos;s history and logged. The document is marked “UTKAST – inte beslutad” (draft – not decided) on every page.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="201"/>
        <source>&amp;Fortsätt</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="260"/>
        <source>Förhandsgranskning – handlingsplan för {name}</source>
        <translation>Preview – action plan for {name}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="261"/>
        <source>Förhandsgranskning – handlingsplan för den enskilde</source>
        <translation>Preview – action plan for the individual</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="285"/>
        <source>Handlingsplan {ref}</source>
        <translation>Action plan {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="288"/>
        <source>Skriv ut handlingsplanen</source>
        <translation>Print the action plan</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="298"/>
        <source>Utskriften kunde inte startas. Kontrollera skrivaren och försök igen.</source>
        <translation>Printing could not be started. Check the printer and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="307"/>
        <source>Planen skickades till skrivaren ({n} sidor).</source>
        <translation>The plan was sent to the printer ({n} pages).</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="346"/>
        <source>Spara handlingsplanen som PDF</source>
        <translation>Save the action plan as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="348"/>
        <source>PDF-dokument (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/documents.py" line="366"/>
        <source>Planen sparades som {name}.</source>
        <translation>The plan was saved as {name}.</translation>
    </message>
</context>
<context>
    <name>PlanEditorPage</name>
    <message>
        <location filename="../../ui/plan/editor.py" line="117"/>
        <source>Lägg till &amp;mål</source>
        <translation>Add &amp;goal</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="119"/>
        <source>Följs upp den</source>
        <translation>Followed up on</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="135"/>
        <source>&amp;Uppföljning:</source>
        <translation>&amp;Follow-up:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="137"/>
        <source>&amp;Anteckning:</source>
        <translation>No&amp;te:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="138"/>
        <source>&amp;Spara planen</source>
        <translation>&amp;Save the plan</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="139"/>
        <source>Skicka för &amp;granskning</source>
        <translation>Submit for &amp;review</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="140"/>
        <source>Gör en ny &amp;version</source>
        <translation>Make a new &amp;version</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="141"/>
        <source>S&amp;täng</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="241"/>
        <source>Handlingsplan version {v} – {state}</source>
        <translation>Action plan version {v} – {state}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="248"/>
        <source>Planen lämnades tillbaka: {comment}</source>
        <translation>The plan was returned: {comment}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="254"/>
        <source>Godkänd av den som skrev eller senast ändrade planen (enhetens regel tillåter det). Den här versionen är låst.</source>
        <translation>Approved by the person who wrote or last changed the plan (the unit&apos;s rule allows it). This version is locked.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="262"/>
        <source>Den här versionen är låst ({state}). Gör en ny version för att ändra den.</source>
        <translation>This version is locked ({state}). Make a new version to change it.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="323"/>
        <source>Målet togs bort.</source>
        <translation>The goal was removed.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="325"/>
        <source>Målet och dess insats togs bort.</source>
        <translation>The goal and its action were removed.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="327"/>
        <source>Målet och dess {n} insatser togs bort.</source>
        <translation>The goal and its {n} actions were removed.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="343"/>
        <source>Insatsen togs bort.</source>
        <translation>The action was removed.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="401"/>
        <source>Målet är tillbaka.</source>
        <translation>The goal is back.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="403"/>
        <source>Insatsen är tillbaka.</source>
        <translation>The action is back.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="418"/>
        <source>Ändrat – sparas automatiskt som utkast</source>
        <translation>Changed – saved automatically as a draft</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="459"/>
        <source>Utkast sparat på den här datorn {time} (servern går inte att nå)</source>
        <translation>Draft saved on this computer {time} (the server cannot be reached)</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="640"/>
        <source>Sparat {time}</source>
        <translation>Saved {time}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="722"/>
        <source>Kartläggningen är inte klar</source>
        <translation>The assessment is not finished</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="724"/>
        <source>Kartläggningen som planen bygger på är inte avslutad. Skriv varför planen ska skickas in nu. Arbetsledaren ser skälet när planen granskas.</source>
        <translation>The assessment the plan builds on is not finished. Write why the plan should be submitted now. The supervisor sees the reason when reviewing the plan.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="727"/>
        <source>&amp;Skicka in</source>
        <translation>&amp;Submit</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="781"/>
        <source>Planen är sparad, men den är inte klar att skicka in: {what}</source>
        <translation>The plan is saved, but it is not ready to be submitted: {what}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="792"/>
        <source>Planen kunde inte sparas just nu. Dina ändringar finns kvar som utkast och erbjuds nästa gång du öppnar planen.</source>
        <translation>The plan could not be saved just now. Your changes are kept as a draft and offered the next time you open the plan.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="453"/>
        <source>Utkast autosparat {time}</source>
        <translation>Draft autosaved {time}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="127"/>
        <source>Nytt mål för &amp;området:</source>
        <translation>New goal for the &amp;area:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="129"/>
        <source>Nytt mål för området</source>
        <translation>New goal for the area</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="136"/>
        <source>&amp;Nästa möte:</source>
        <translation>Next &amp;meeting:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="468"/>
        <source>Autosparningen misslyckades: {reason}</source>
        <translation>Autosave failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="487"/>
        <source>Det finns ett automatiskt sparat utkast av planen från {when} med ändringar som inte är sparade. Vill du fortsätta med utkastet?</source>
        <translation>There is an automatically saved draft of the plan from {when} with changes that are not saved. Do you want to continue with the draft?</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="497"/>
        <source>&amp;Återställ utkastet</source>
        <translation>&amp;Restore the draft</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="498"/>
        <source>&amp;Kasta utkastet</source>
        <translation>&amp;Discard the draft</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="508"/>
        <source>Det finns en kopia av planen som sparades på den här datorn {when} när servern inte gick att nå, och som skiljer sig från det som finns på servern. Jämför och välj vad som ska gälla.</source>
        <translation>There is a copy of the plan that was saved on this computer {when} when the server could not be reached, and that differs from what is on the server. Compare and choose what applies.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="514"/>
        <source>&amp;Jämför med kopian …</source>
        <translation>&amp;Compare with the copy …</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="515"/>
        <source>Kasta &amp;kopian</source>
        <translation>Discard the &amp;copy</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="546"/>
        <source>Utkastet är återställt – spara när du är klar</source>
        <translation>The draft is restored – save when you are done</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="553"/>
        <source>Utkastet är kastat</source>
        <translation>The draft is discarded</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="564"/>
        <source>Planen är inte sparad än. Dina ändringar finns kvar som utkast och erbjuds när du öppnar planen igen.</source>
        <translation>The plan is not saved yet. Your changes are kept as a draft and offered when you open the plan again.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="569"/>
        <source>Innan planen kan skickas in: {what}</source>
        <translation>Before the plan can be submitted: {what}</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="592"/>
        <source>Sparar …</source>
        <translation>Saving …</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="615"/>
        <source>Planen sparades inte: någon annan har ändrat den sedan du öppnade den. Dina ändringar finns kvar här på skärmen. Jämför versionerna och välj vad som ska gälla. ({detail})</source>
        <translation>The plan was not saved: someone else changed it after you opened it. Your changes are still here on the screen. Compare the versions and choose what applies. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="621"/>
        <source>&amp;Jämför och välj …</source>
        <translation>&amp;Compare and choose …</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="623"/>
        <source>&amp;Ladda om planen</source>
        <translation>&amp;Reload the plan</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="605"/>
        <source>Servern går inte att nå. Planen är sparad krypterat på den här datorn och sparas på servern så snart den går att nå igen. Du kan fortsätta arbeta.</source>
        <translation>The server cannot be reached. The plan is saved encrypted on this computer and is saved on the server as soon as it can be reached again. You can carry on working.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="104"/>
        <source>Ång&amp;ra</source>
        <translation>U&amp;ndo</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="480"/>
        <source>Det finns ändringar av planen som sparades på den här datorn {when} när servern inte gick att nå, och som inte har sparats i planen än. Vill du fortsätta med dem?</source>
        <translation>There are changes to the plan saved on this computer {when} while the server could not be reached, not yet saved in the plan. Do you want to continue with them?</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="493"/>
        <source>Planen har sparats igen efter att utkastet gjordes; om du återställer utkastet jämförs det med de nya ändringarna innan något sparas.</source>
        <translation>The plan has been saved again since the draft was made; if you restore the draft, it is compared with the newer changes before anything is saved.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="610"/>
        <source>Sparat på den här datorn – väntar på servern</source>
        <translation>Saved on this computer – waiting for the server</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="638"/>
        <source>Planen är sparad.</source>
        <translation>The plan is saved.</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="695"/>
        <source>Planen kan inte skickas in än:</source>
        <translation>The plan cannot be submitted yet:</translation>
    </message>
    <message>
        <location filename="../../ui/plan/editor.py" line="746"/>
        <source>Planen är skickad till arbetsledaren för granskning.</source>
        <translation>The plan is sent to the supervisor for review.</translation>
    </message>
</context>
<context>
    <name>PlanReviewPage</name>
    <message>
        <location filename="../../ui/review/plan_review.py" line="185"/>
        <source>Granska handlingsplan – {ref} {name}</source>
        <translation>Review action plan – {ref} {name}</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="127"/>
        <source>Kommentar till handläggaren (krävs när planen lämnas tillbaka)</source>
        <translation>Comment to the caseworker (required when the plan is returned)</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="114"/>
        <source>Hämtar planen …</source>
        <translation>Loading the plan …</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="130"/>
        <source>Kommentar</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="131"/>
        <source>&amp;Godkänn planen</source>
        <translation>&amp;Approve the plan</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="132"/>
        <source>&amp;Lämna tillbaka …</source>
        <translation>&amp;Return …</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="133"/>
        <source>&amp;Tillbaka till kön</source>
        <translation>&amp;Back to the queue</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="143"/>
        <source>&lt;b&gt;Beslut och historik&lt;/b&gt;</source>
        <translation>&lt;b&gt;Decisions and history&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="145"/>
        <source>&amp;Kommentar:</source>
        <translation>&amp;Comment:</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="206"/>
        <source>Version {v} · {state}</source>
        <translation>Version {v} · {state}</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="216"/>
        <source>Kartläggningen var inte klar när planen skickades in. Skäl: {reason}</source>
        <translation>The assessment was not finished when the plan was submitted. Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="222"/>
        <source>Godkänd av den som skrev eller senast ändrade planen (enhetens regel tillåter det; beslutet är loggat).</source>
        <translation>Approved by the person who wrote or last changed the plan (the unit&apos;s rule allows it; the decision is logged).</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="257"/>
        <source>(utförarna är med)</source>
        <translation>(the providers take part)</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="259"/>
        <source>Uppföljning</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="260"/>
        <source>Nästa möte</source>
        <translation>Next meeting</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="260"/>
        <source>inget möte bokat</source>
        <translation>no meeting booked</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="261"/>
        <source>Anteckning</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="291"/>
        <source>Insats</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="292"/>
        <source>Ansvarig</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="293"/>
        <source>Senast</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="294"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="295"/>
        <source>Så följer vi upp</source>
        <translation>How we follow up</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="296"/>
        <source>Resultat</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="314"/>
        <source>Skriv i kommentaren varför planen lämnas tillbaka.</source>
        <translation>Write in the comment why the plan is returned.</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="337"/>
        <source>Planen är godkänd och låst. Du kan skriva ut den nedan.</source>
        <translation>The plan is approved and locked. You can print it below.</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="341"/>
        <source>Planen är tillbakaskickad till handläggaren med din kommentar.</source>
        <translation>The plan was returned to the caseworker with your comment.</translation>
    </message>
</context>
<context>
    <name>PlansTab</name>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="234"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="235"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="236"/>
        <source>Mål</source>
        <translation>Goals</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="237"/>
        <source>Insatser</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="238"/>
        <source>Uppföljning</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="242"/>
        <source>Ny &amp;handlingsplan</source>
        <translation>New action &amp;plan</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/records_tabs.py" line="243"/>
        <source>Ö&amp;ppna</source>
        <translation>O&amp;pen</translation>
    </message>
</context>
<context>
    <name>ProvidersModel</name>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="63"/>
        <source>Namn</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="64"/>
        <source>Org.nr</source>
        <translation>Org. no.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="65"/>
        <source>Upphandlad för</source>
        <translation>Procured for</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="66"/>
        <source>Avtalsperiod</source>
        <translation>Contract period</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="67"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="79"/>
        <source>Avslutad</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="80"/>
        <source>Avslutad {day}</source>
        <translation>Retired {day}</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="82"/>
        <source>Avtalet har löpt ut</source>
        <translation>Contract expired</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="84"/>
        <source>Avtalet har inte börjat</source>
        <translation>Contract not started</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="85"/>
        <source>Aktiv</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="107"/>
        <source>Skäl: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="178"/>
        <source>&lt;h2&gt;Utförare&lt;/h2&gt;&lt;p&gt;Upphandlade utförare som insatser och samtycken kan gälla. En avslutad utförare finns kvar på gamla planer och samtycken men erbjuds inte för nya.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Providers&lt;/h2&gt;&lt;p&gt;Procured providers that actions and consents can name. A retired provider stays on old plans and consents but is not offered for new ones.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="188"/>
        <source>Utförare</source>
        <translation>Providers</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="198"/>
        <source>Visa avsluta&amp;de</source>
        <translation>Show retire&amp;d</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="202"/>
        <source>&amp;Ny utförare</source>
        <translation>&amp;New provider</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="204"/>
        <source>A&amp;vsluta …</source>
        <translation>Re&amp;tire …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="206"/>
        <source>Åte&amp;raktivera …</source>
        <translation>React&amp;ivate …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="222"/>
        <source>till exempel: boendestöd, mentorskap</source>
        <translation>for example: housing support, mentoring</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="223"/>
        <location filename="../../ui/admin/providers_page.py" line="224"/>
        <source>angivet</source>
        <translation>set</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="225"/>
        <source>Avtalet gäller från</source>
        <translation>Contract begins</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="226"/>
        <source>Avtalet gäller till</source>
        <translation>Contract ends</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="229"/>
        <source>Ångra</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="243"/>
        <source>Na&amp;mn:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="244"/>
        <source>&amp;Organisationsnummer:</source>
        <translation>&amp;Organisation number:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="245"/>
        <source>&amp;Kontaktperson:</source>
        <translation>&amp;Contact person:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="246"/>
        <source>Tele&amp;fon:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="247"/>
        <source>&amp;E-post:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="248"/>
        <source>&amp;Upphandlad för:</source>
        <translation>Procured &amp;for:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="249"/>
        <source>Avtalet gäller fr&amp;ån:</source>
        <translation>Contract &amp;begins:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="250"/>
        <source>Avtalet gäller t&amp;ill:</source>
        <translation>Contract end&amp;s:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="257"/>
        <source>Kontaktpersonens namn, telefon och e-post sparas krypterat.</source>
        <translation>The contact person&apos;s name, phone and e-mail are stored encrypted.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="288"/>
        <source>Hämtar …</source>
        <translation>Loading …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="305"/>
        <source>Registret är tomt. Lägg till den första utföraren i formuläret.</source>
        <translation>The register is empty. Add the first provider in the form.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="374"/>
        <source>Ny utförare</source>
        <translation>New provider</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="375"/>
        <source>&amp;Lägg till utföraren</source>
        <translation>&amp;Add the provider</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="381"/>
        <source>Ändra {name}</source>
        <translation>Change {name}</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="382"/>
        <source>&amp;Spara ändringarna</source>
        <translation>Save the c&amp;hanges</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="432"/>
        <source>{name} är tillagd i registret.</source>
        <translation>{name} was added to the register.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="437"/>
        <source>Ändringarna för {name} är sparade.</source>
        <translation>The changes to {name} are saved.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="452"/>
        <source>{name} är avslutad och erbjuds inte för nya insatser och samtycken.</source>
        <translation>{name} is retired and is not offered for new actions and consents.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="466"/>
        <source>Återaktivera utföraren</source>
        <translation>Reactivate the provider</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="467"/>
        <source>Återaktivera {name}?</source>
        <translation>Reactivate {name}?</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="469"/>
        <source>Utföraren erbjuds igen för nya insatser och nya samtycken.</source>
        <translation>The provider is offered again for new actions and new consents.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="471"/>
        <source>Återaktivera</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="472"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="479"/>
        <source>{name} är aktiv igen.</source>
        <translation>{name} is active again.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="511"/>
        <source>Formuläret visar det du skrev: spara igen för att ersätta den andra ändringen, eller välj Ångra för att se det som är sparat.</source>
        <translation>The form shows what you typed: save again to replace the other change, or choose Undo to see what is saved.</translation>
    </message>
</context>
<context>
    <name>QuestionBlock</name>
    <message>
        <location filename="../../ui/interview/area_page.py" line="75"/>
        <source>Obligatorisk fråga – svar saknas.</source>
        <translation>Required question – no answer yet.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/area_page.py" line="78"/>
        <source>AKUT: {message}</source>
        <translation>URGENT: {message}</translation>
    </message>
</context>
<context>
    <name>QuestionEditor</name>
    <message>
        <location filename="../../ui/interview/question_widgets.py" line="287"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/interview/question_widgets.py" line="288"/>
        <source>Nej</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>RadarChart</name>
    <message>
        <location filename="../../ui/widgets/radar.py" line="55"/>
        <source>Diagrammet visas när det finns skattningar.</source>
        <translation>The chart is shown when there are ratings.</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <location filename="../../ui/interview/rating_panel.py" line="54"/>
        <source>Skattning av behovet i området</source>
        <translation>Rating of the need in the area</translation>
    </message>
    <message>
        <location filename="../../ui/interview/rating_panel.py" line="58"/>
        <location filename="../../ui/interview/rating_panel.py" line="59"/>
        <source>– ej skattad –</source>
        <translation>– not rated –</translation>
    </message>
    <message>
        <location filename="../../ui/interview/rating_panel.py" line="64"/>
        <source>Kort motivering till bedömningen</source>
        <translation>Short reason for the rating</translation>
    </message>
    <message>
        <location filename="../../ui/interview/rating_panel.py" line="88"/>
        <source>Personens egen s&amp;kattning:</source>
        <translation>The person&apos;s own &amp;rating:</translation>
    </message>
    <message>
        <location filename="../../ui/interview/rating_panel.py" line="89"/>
        <source>&amp;Handläggarens skattning:</source>
        <translation>&amp;Caseworker&apos;s rating:</translation>
    </message>
    <message>
        <location filename="../../ui/interview/rating_panel.py" line="90"/>
        <source>&amp;Motivering:</source>
        <translation>Rea&amp;son:</translation>
    </message>
    <message>
        <location filename="../../ui/interview/rating_panel.py" line="91"/>
        <source>Markeringar:</source>
        <translation>Flags:</translation>
    </message>
    <message>
        <location filename="../../ui/interview/rating_panel.py" line="152"/>
        <source>Motivering behövs när handläggaren skattar.</source>
        <translation>A reason is needed when the caseworker rates.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/widgets/reason_dialog.py" line="38"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <location filename="../../ui/reminders/page.py" line="67"/>
        <source>&lt;h2&gt;Att göra&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;To do&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="72"/>
        <source>Mina ärenden</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="73"/>
        <source>Hela enheten</source>
        <translation>The whole unit</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="74"/>
        <source>Visa</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="82"/>
        <source>Ärende / datum</source>
        <translation>Case / date</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="82"/>
        <source>Vad</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="82"/>
        <source>När</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="82"/>
        <source>Handläggare</source>
        <translation>Caseworker</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="89"/>
        <source>&amp;Exportera till kalender (.ics) …</source>
        <translation>&amp;Export to calendar (.ics) …</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="91"/>
        <source>Dina datum som kalenderfil, med ärendenummer men utan namn</source>
        <translation>Your dates as a calendar file, with case references but no names</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="94"/>
        <source>&amp;Uppdatera</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="97"/>
        <source>&amp;Påminn mig på skrivbordet medan programmet är öppet</source>
        <translation>&amp;Remind me on the desktop while the app is open</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="103"/>
        <source>Den här datorn har ingen plats för aviseringar.</source>
        <translation>This computer has no place for notifications.</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="164"/>
        <source>Inget är försenat och inget ska göras den här veckan.</source>
        <translation>Nothing is overdue and nothing is due this week.</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="167"/>
        <source>Försenat: {overdue}. Att göra till och med söndag {end}: {week}.</source>
        <translation>Overdue: {overdue}. Due up to Sunday {end}: {week}.</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="170"/>
        <source>Samtycken som upphör inom {days} dagar: {n}.</source>
        <translation>Consents that end within {days} days: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="185"/>
        <source>Försenat: {n}</source>
        <translation>Overdue: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="198"/>
        <source>Sista dagen: {date}</source>
        <translation>Last day: {date}</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="216"/>
        <source>Försenad</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="218"/>
        <source>I dag</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="220"/>
        <source>Denna vecka</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="221"/>
        <source>Kommande</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="236"/>
        <source>Spara kalenderfil</source>
        <translation>Save calendar file</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="238"/>
        <source>Kalenderfiler (*.ics)</source>
        <translation>Calendar files (*.ics)</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="251"/>
        <source>{n} datum är sparade i {file}. Filen har ärendenummer men inga namn.</source>
        <translation>{n} dates are saved in {file}. The file has case references but no names.</translation>
    </message>
    <message>
        <location filename="../../ui/reminders/page.py" line="280"/>
        <source>Nytt sedan förra påminnelsen – försenat: {overdue}, att göra den här veckan: {week}.</source>
        <translation>New since the last reminder – overdue: {overdue}, due this week: {week}.</translation>
    </message>
</context>
<context>
    <name>RetentionModel</name>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="68"/>
        <source>Ärende</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="69"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="70"/>
        <source>Avslutat</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="71"/>
        <source>Sista anteckning</source>
        <translation>Last entry</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="72"/>
        <source>Beslut</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="73"/>
        <source>Skäl</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>RetentionPage</name>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="149"/>
        <source>&lt;h2&gt;Gallring&lt;/h2&gt;&lt;p&gt;Ärenden vars sista anteckning är äldre än gallringsfristen. Listan visar ärendenummer, datum och beslut, inget om personen. Inget tas bort förrän du bekräftar.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Retention&lt;/h2&gt;&lt;p&gt;Cases whose last entry is older than the retention period. The list shows case references, dates and decisions, nothing about the person. Nothing is deleted until you confirm.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="161"/>
        <source>Per datum</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="162"/>
        <source>&amp;Per datum:</source>
        <translation>&amp;As of:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="164"/>
        <source>&amp;Visa ärenden som ska gallras</source>
        <translation>&amp;Show cases due for deletion</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="178"/>
        <source>&amp;Gallra …</source>
        <translation>&amp;Delete …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="181"/>
        <source>&amp;Avbryt gallringen</source>
        <translation>&amp;Stop the deletion</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="226"/>
        <source>Går igenom ärendena …</source>
        <translation>Going through the cases …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="239"/>
        <source>inga</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="242"/>
        <source>Regel: {years} år efter sista anteckningen (sista anteckning före {cutoff}). Bevaras: personer födda dag {days} i månaden.</source>
        <translation>Rule: {years} years after the last entry (last entry before {cutoff}). Kept: people born on day {days} of a month.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="248"/>
        <source>{due} gallras, {kept} bevaras, {held} väntar, {review} öppna ärenden behöver ett beslut om att avslutas (gallras inte).</source>
        <translation>{due} to be deleted, {kept} kept, {held} on hold, {review} open cases need a decision on closing (not deleted).</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="262"/>
        <source>Inga ärenden är äldre än gallringsfristen per {as_of}.</source>
        <translation>No cases are past the retention period as of {as_of}.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="291"/>
        <source>Gallrar …</source>
        <translation>Deleting …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="308"/>
        <source>Gallrade ärenden: {n}.</source>
        <translation>Cases deleted: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="311"/>
        <source>{n} hoppades över eftersom de hade ändrats sedan listan togs fram.</source>
        <translation>{n} were skipped because they changed after the list was made.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="314"/>
        <source>Gallringen avbröts; resten är kvar.</source>
        <translation>The deletion was stopped; the rest is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/retention_page.py" line="315"/>
        <source>Visa listan igen för att se vad som är kvar.</source>
        <translation>Show the list again to see what is left.</translation>
    </message>
</context>
<context>
    <name>RetireDialog</name>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="124"/>
        <source>Avsluta utföraren</source>
        <translation>Retire the provider</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="128"/>
        <source>&lt;p&gt;&lt;b&gt;Avsluta {name}?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Utföraren finns kvar på gamla planer och samtycken, med sitt namn, och insatser som redan har utföraren behåller den. Den erbjuds inte längre för nya insatser eller nya samtycken. Det går att återaktivera utföraren senare.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Retire {name}?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The provider stays on old plans and consents, with its name, and actions that already have it keep it. It is no longer offered for new actions or new consents. The provider can be reactivated later.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="142"/>
        <source>till exempel: avtalet sades upp</source>
        <translation>for example: the contract was terminated</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="144"/>
        <source>Avslutad &amp;från:</source>
        <translation>Retired &amp;from:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="145"/>
        <source>&amp;Skäl (valfritt):</source>
        <translation>&amp;Reason (optional):</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="147"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/admin/providers_page.py" line="149"/>
        <source>&amp;Avsluta utföraren</source>
        <translation>Re&amp;tire the provider</translation>
    </message>
</context>
<context>
    <name>ReviewQueuePage</name>
    <message>
        <location filename="../../ui/review/queue_page.py" line="88"/>
        <source>&lt;h2&gt;Granskning&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Review&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="93"/>
        <location filename="../../ui/review/queue_page.py" line="98"/>
        <location filename="../../ui/review/queue_page.py" line="107"/>
        <location filename="../../ui/review/queue_page.py" line="116"/>
        <location filename="../../ui/review/queue_page.py" line="120"/>
        <location filename="../../ui/review/queue_page.py" line="122"/>
        <location filename="../../ui/review/queue_page.py" line="129"/>
        <source>Ärende</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="93"/>
        <location filename="../../ui/review/queue_page.py" line="116"/>
        <location filename="../../ui/review/queue_page.py" line="130"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="93"/>
        <location filename="../../ui/review/queue_page.py" line="131"/>
        <source>Inskickad</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="93"/>
        <location filename="../../ui/review/queue_page.py" line="116"/>
        <location filename="../../ui/review/queue_page.py" line="122"/>
        <location filename="../../ui/review/queue_page.py" line="132"/>
        <source>Av</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="99"/>
        <source>Skulle följas upp</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="100"/>
        <source>Dagar sen</source>
        <translation>Days late</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="101"/>
        <source>Handläggare</source>
        <translation>Caseworker</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="108"/>
        <source>Sedan</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="109"/>
        <source>Område</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="110"/>
        <source>Vad</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="111"/>
        <location filename="../../ui/review/queue_page.py" line="120"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="116"/>
        <source>Godkänd</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="120"/>
        <source>Mottagare</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="120"/>
        <source>Sista dag</source>
        <translation>Last day</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="122"/>
        <source>Begärt</source>
        <translation>Requested</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="133"/>
        <source>Ses över senast</source>
        <translation>Review by</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="137"/>
        <source>Vi&amp;sa skyddsplanen</source>
        <translation>&amp;Show the safety plan</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="166"/>
        <source>&amp;Granska planen …</source>
        <translation>&amp;Review the plan …</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="167"/>
        <source>&amp;Öppna ärendet</source>
        <translation>&amp;Open the case</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="168"/>
        <source>&amp;Uppdatera</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="211"/>
        <source>Samtycke</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="279"/>
        <source>ESKALERAD</source>
        <translation>ESCALATED</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="279"/>
        <source>Öppen</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="352"/>
        <source>Upphörde för {n} dagar sedan</source>
        <translation>Ended {n} days ago</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="354"/>
        <source>Upphörde i går</source>
        <translation>Ended yesterday</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="356"/>
        <source>Sista dagen i dag</source>
        <translation>Last day today</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="358"/>
        <source>Upphör i morgon</source>
        <translation>Ends tomorrow</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="359"/>
        <source>Upphör om {n} dagar</source>
        <translation>Ends in {n} days</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="363"/>
        <source>Väntar på granskning ({n})</source>
        <translation>Waiting for review ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="364"/>
        <source>Försenade uppföljningar ({n})</source>
        <translation>Overdue follow-ups ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="365"/>
        <source>Akuta flaggor ({n})</source>
        <translation>Urgent flags ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="367"/>
        <source>Godkända, att skriva ut ({n})</source>
        <translation>Approved, to print ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="369"/>
        <source>Samtycken som upphör ({n})</source>
        <translation>Consents ending ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="371"/>
        <source>Begärda avslut ({n})</source>
        <translation>Requested closings ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="373"/>
        <source>Skyddsplaner ({n})</source>
        <translation>Safety plans ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="375"/>
        <source>Hämtar enhetens kö …</source>
        <translation>Loading the unit&apos;s queue …</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="377"/>
        <source>Inget väntar på dig just nu.</source>
        <translation>Nothing is waiting for you right now.</translation>
    </message>
    <message>
        <location filename="../../ui/review/queue_page.py" line="380"/>
        <source>Ärendena visas med ärendenummer. Namnet visas när du öppnar ärendet.</source>
        <translation>Cases are shown by reference. The name is shown when you open the case.</translation>
    </message>
</context>
<context>
    <name>SafetyReviewPanel</name>
    <message>
        <location filename="../../ui/review/safety_review.py" line="184"/>
        <source>Välj en skyddsplan i listan och öppna den.</source>
        <translation>Choose a safety plan in the list and open it.</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="192"/>
        <source>Skyddsplanens innehåll</source>
        <translation>The safety plan&apos;s content</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="195"/>
        <source>Beslut och historik</source>
        <translation>Decisions and history</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="199"/>
        <source>Kommentar till handläggaren (krävs när skyddsplanen lämnas tillbaka)</source>
        <translation>Comment to the caseworker (required when the safety plan is returned)</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="202"/>
        <source>Kommentar</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="203"/>
        <source>Godkä&amp;nn skyddsplanen</source>
        <translation>Appro&amp;ve the safety plan</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="204"/>
        <source>&amp;Lämna tillbaka</source>
        <translation>&amp;Return</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="211"/>
        <source>&lt;b&gt;Beslut och historik&lt;/b&gt;</source>
        <translation>&lt;b&gt;Decisions and history&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="213"/>
        <source>&amp;Kommentar:</source>
        <translation>&amp;Comment:</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="254"/>
        <source>Hämtar skyddsplanen …</source>
        <translation>Loading the safety plan …</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="274"/>
        <source>Granska skyddsplan – {ref}</source>
        <translation>Review safety plan – {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="275"/>
        <source>inte satt</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="277"/>
        <source>Version {n} · {state} · ses över senast {due}</source>
        <translation>Version {n} · {state} · review by {due}</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="284"/>
        <source>Skyddsplanens innehåll går inte att läsa (skadat).</source>
        <translation>The safety plan&apos;s content cannot be read (damaged).</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="293"/>
        <source>Du har skrivit, ändrat eller skickat in den här versionen själv. En annan arbetsledare godkänner den; du kan lämna tillbaka den.</source>
        <translation>You wrote, changed or submitted this version yourself. Another supervisor approves it; you can return it.</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="314"/>
        <source>Skriv i kommentaren varför skyddsplanen lämnas tillbaka.</source>
        <translation>Write in the comment why the safety plan is returned.</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="335"/>
        <source>Skyddsplanen är godkänd och låst.</source>
        <translation>The safety plan is approved and locked.</translation>
    </message>
    <message>
        <location filename="../../ui/review/safety_review.py" line="337"/>
        <source>Skyddsplanen är tillbakaskickad till handläggaren med din kommentar.</source>
        <translation>The safety plan is sent back to the caseworker with your comment.</translation>
    </message>
</context>
<context>
    <name>SafetyTab</name>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="339"/>
        <source>&amp;Skapa skyddsplan</source>
        <translation>&amp;Create safety plan</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="340"/>
        <source>S&amp;para</source>
        <translation>S&amp;ave</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="341"/>
        <source>Skicka för &amp;granskning</source>
        <translation>Submit for &amp;review</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="342"/>
        <source>&amp;Godkänn</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="343"/>
        <source>&amp;Lämna tillbaka …</source>
        <translation>&amp;Return …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="344"/>
        <source>&amp;Ny version</source>
        <translation>&amp;New version</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="345"/>
        <source>&amp;Utskrift för personen …</source>
        <translation>Print for the &amp;person …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="346"/>
        <source>Utskrift för p&amp;olisen …</source>
        <translation>Print for the p&amp;olice …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="360"/>
        <source>vem eller vilka hotet kommer från</source>
        <translation>who the threat comes from</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="361"/>
        <source>senaste händelsen</source>
        <translation>the latest incident</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="363"/>
        <source>eller med ord, till exempel ”i somras”</source>
        <translation>or in words, for example “last summer”</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="370"/>
        <source>vad har hänt, hur hotet ser ut</source>
        <translation>what has happened, what the threat looks like</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="371"/>
        <source>Polisen har gjort en hotbedömning</source>
        <translation>The police have made a threat assessment</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="372"/>
        <source>den</source>
        <translation>on</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="374"/>
        <source>vem som gjorde den</source>
        <translation>who made it</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="376"/>
        <source>namn</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="378"/>
        <source>telefon</source>
        <translation>phone</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="379"/>
        <source>Hotbild</source>
        <translation>Threat picture</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="381"/>
        <source>Från vem:</source>
        <translation>From whom:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="385"/>
        <source>Hur nyligen:</source>
        <translation>How recent:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="386"/>
        <source>Typ av hot:</source>
        <translation>Kind of threat:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="387"/>
        <source>Beskrivning:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="392"/>
        <source>Hotbedömning:</source>
        <translation>Threat assessment:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="396"/>
        <source>Kontakt hos polisen:</source>
        <translation>Police contact:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="401"/>
        <source>varför du bedömer risken så</source>
        <translation>why you assess the risk this way</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="402"/>
        <source>Risknivå (din bedömning)</source>
        <translation>Risk level (your assessment)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="404"/>
        <source>&amp;Risknivå:</source>
        <translation>&amp;Risk level:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="405"/>
        <source>Skäl:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="408"/>
        <source>hur ni når personen säkert (skrivs ut på personens kopia)</source>
        <translation>how you reach the person safely (printed on the person&apos;s copy)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="411"/>
        <source>skrivs aldrig ut på personens kopia</source>
        <translation>never printed on the person&apos;s copy</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="414"/>
        <location filename="../../ui/case_view/safety_tab.py" line="461"/>
        <location filename="../../ui/case_view/safety_tab.py" line="479"/>
        <source>Vad</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="415"/>
        <location filename="../../ui/case_view/safety_tab.py" line="480"/>
        <source>Nummer</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="416"/>
        <location filename="../../ui/case_view/safety_tab.py" line="436"/>
        <location filename="../../ui/case_view/safety_tab.py" line="466"/>
        <source>På personens kopia</source>
        <translation>On the person&apos;s copy</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="418"/>
        <source>Lägg till säkert nummer</source>
        <translation>Add safe number</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="422"/>
        <source>vad som händer om kontakten bryts (skrivs ut på personens kopia)</source>
        <translation>what happens if contact breaks (printed on the person&apos;s copy)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="442"/>
        <source>Säkra platser, mötesplatser och platser att undvika</source>
        <translation>Safe places, meeting places and places to avoid</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="487"/>
        <source>enhetens jourkontakt (skrivs ut på personens kopia)</source>
        <translation>the unit&apos;s emergency contact (printed on the person&apos;s copy)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="490"/>
        <source>Numren att ringa skrivs alltid ut på personens kopia, 112 först.</source>
        <translation>The numbers to call are always printed on the person&apos;s copy, 112 first.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="679"/>
        <source>Du har skrivit, ändrat eller skickat in den här versionen: en annan arbetsledare godkänner den.</source>
        <translation>You wrote, changed or submitted this version: another supervisor approves it.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="424"/>
        <source>Kontakt och signaler</source>
        <translation>Contact and signals</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="426"/>
        <source>Säkra sätt att nå personen:</source>
        <translation>Safe ways to reach the person:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="427"/>
        <source>&amp;Kodord:</source>
        <translation>&amp;Code word:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="428"/>
        <source>Säkra nummer:</source>
        <translation>Safe numbers:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="429"/>
        <source>Om kontakten bryts:</source>
        <translation>If contact breaks:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="433"/>
        <location filename="../../ui/case_view/safety_tab.py" line="460"/>
        <source>Slag</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="434"/>
        <source>Plats eller ort</source>
        <translation>Place or town</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="435"/>
        <source>Anteckning</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="438"/>
        <source>Lägg till plats</source>
        <translation>Add place</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="448"/>
        <source>Relation</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="449"/>
        <source>Vem</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="450"/>
        <source>Vad skyddar dem</source>
        <translation>What protects them</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="452"/>
        <source>Lägg till person</source>
        <translation>Add person</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="455"/>
        <source>Andra som kan vara i fara</source>
        <translation>Others who may be at risk</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="462"/>
        <source>Ansvarig</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="463"/>
        <source>Namn</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="464"/>
        <source>Klart senast</source>
        <translation>Done by</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="465"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="468"/>
        <source>Lägg till åtgärd</source>
        <translation>Add step</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="471"/>
        <source>Lägg till i &amp;handlingsplanen</source>
        <translation>Add to the action &amp;plan</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="474"/>
        <source>Praktiska åtgärder</source>
        <translation>Practical steps</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="482"/>
        <source>Lägg till nummer</source>
        <translation>Add number</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="492"/>
        <source>Vid akut fara</source>
        <translation>In immediate danger</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="494"/>
        <source>Nummer att ringa:</source>
        <translation>Numbers to call:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="495"/>
        <source>Enhetens jourkontakt:</source>
        <translation>Unit&apos;s emergency contact:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="497"/>
        <source>ses över senast</source>
        <translation>review by</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="498"/>
        <source>övrigt</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="499"/>
        <source>Översyn</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="501"/>
        <source>Datum:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="502"/>
        <source>Anteckning:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="520"/>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="567"/>
        <source>Akut i hotområdet: gå igenom skyddsplanen med personen nu.</source>
        <translation>Urgent in the threat area: go through the safety plan with the person now.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="576"/>
        <source>{n} ({state})</source>
        <translation>{n} ({state})</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="631"/>
        <source>Ärendet har ingen skyddsplan än.</source>
        <translation>The case has no safety plan yet.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="634"/>
        <source>inte satt</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="636"/>
        <source>Skyddsplan version {n} · {state} · ses över senast {due}</source>
        <translation>Safety plan version {n} · {state} · review by {due}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="641"/>
        <source>{at}: {decision} av {who}</source>
        <translation>{at}: {decision} by {who}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="644"/>
        <source>inskickad</source>
        <translation>submitted</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="645"/>
        <source>godkänd</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="646"/>
        <source>återlämnad</source>
        <translation>returned</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="695"/>
        <source>Kräver ett giltigt samtycke till polisen som omfattar skyddsplanen.</source>
        <translation>Requires a valid consent to the police that covers the safety plan.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="701"/>
        <source>Ärendet har ingen handlingsplan än. Skapa den under fliken Handlingsplaner först.</source>
        <translation>The case has no action plan yet. Create it on the Action plans tab first.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="704"/>
        <source>Kopierar den markerade åtgärden till handlingsplanen som en insats.</source>
        <translation>Copies the selected step into the action plan as an action.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="782"/>
        <source>Skyddsplanen skapades.</source>
        <translation>The safety plan was created.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="796"/>
        <source>Skyddsplanen sparades.</source>
        <translation>The safety plan was saved.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="817"/>
        <source>Skyddsplanen skickades för granskning.</source>
        <translation>The safety plan was submitted for review.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="826"/>
        <source>Lämna tillbaka</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="826"/>
        <source>Varför lämnas skyddsplanen tillbaka?</source>
        <translation>Why is the safety plan returned?</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="833"/>
        <source>Skyddsplanen godkändes.</source>
        <translation>The safety plan was approved.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="835"/>
        <source>Skyddsplanen lämnades tillbaka.</source>
        <translation>The safety plan was returned.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="845"/>
        <source>En ny version skapades; ändra den och skicka in den.</source>
        <translation>A new version was created; change it and submit it.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="854"/>
        <source>Välj en sparad åtgärd i listan först (spara planen om den är ny).</source>
        <translation>Choose a saved step in the list first (save the plan if it is new).</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="860"/>
        <source>Åtgärden lades till som insats i handlingsplanen.</source>
        <translation>The step was added as an action in the action plan.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="862"/>
        <source>Välj utföraren för insatsen i handlingsplanen: ingen utförare i registret heter som i åtgärden.</source>
        <translation>Choose the provider for the action in the action plan: no provider in the register has the name given in the step.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="881"/>
        <source>Spara som PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="881"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="903"/>
        <source>Sparades som {name}.</source>
        <translation>Saved as {name}.</translation>
    </message>
</context>
<context>
    <name>ServerWatch</name>
    <message>
        <location filename="../../ui/preferences/server_health.py" line="112"/>
        <source>Servern går inte att nå. Det du skriver sparas krypterat på datorn.</source>
        <translation>The server cannot be reached. What you type is kept encrypted on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/server_health.py" line="117"/>
        <source>Servern går att nå igen. Sparar utkasten från datorn …</source>
        <translation>The server can be reached again. Saving the drafts from this computer …</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/server_health.py" line="150"/>
        <source>Servern går att nå igen.</source>
        <translation>The server can be reached again.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/server_health.py" line="153"/>
        <source>{n} utkast från datorn sparades på servern.</source>
        <translation>{n} drafts from this computer were saved on the server.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/server_health.py" line="158"/>
        <source>{n} utkast fanns redan i en nyare version på servern; ditt sparades bredvid, så inget har gått förlorat.</source>
        <translation>{n} drafts already had a newer version on the server; yours was saved beside it, so nothing is lost.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/server_health.py" line="164"/>
        <source>{n} utkast finns kvar på datorn och sparas när servern svarar.</source>
        <translation>{n} drafts are still on this computer and are saved when the server answers.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/server_health.py" line="170"/>
        <source>{n} utkast på datorn gick inte att öppna och har lämnats orörda.</source>
        <translation>{n} drafts on this computer could not be opened and were left untouched.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/server_health.py" line="177"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="94"/>
        <source>Inställningar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="100"/>
        <source>&amp;Lokal databasfil på den här datorn (standard)</source>
        <translation>&amp;Local database file on this computer (default)</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="102"/>
        <source>Databas&amp;server i kommunens nätverk</source>
        <translation>Database &amp;server in the municipality&apos;s network</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="108"/>
        <source>Serverns adress</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="111"/>
        <source>Serverlösenord</source>
        <translation>Server password</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="114"/>
        <source>&amp;Testa anslutningen</source>
        <translation>&amp;Test the connection</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="118"/>
        <source>&amp;Adress (utan lösenord):</source>
        <translation>&amp;Address (without password):</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="119"/>
        <source>Server&amp;lösenord:</source>
        <translation>Server &amp;password:</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="127"/>
        <source>Databas</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="134"/>
        <source>Ett byte av databas gäller nästa gång du loggar in.</source>
        <translation>A change of database applies the next time you sign in.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="143"/>
        <source>Språket ändras nästa gång appen startas.</source>
        <translation>The language changes the next time the app starts.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="148"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="149"/>
        <source>Lås skärmen efter</source>
        <translation>Lock the screen after</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="150"/>
        <source>Allmänt</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="152"/>
        <source>&amp;Språk:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="154"/>
        <source>Lås skärmen efter &amp;inaktivitet:</source>
        <translation>Lock the screen after &amp;inactivity:</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="160"/>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="163"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="191"/>
        <source>Lösenordet sparas i datorns nyckelring, aldrig i en fil. Lämna fältet tomt för att behålla ett sparat lösenord.</source>
        <translation>The password is kept in the computer&apos;s keyring, never in a file. Leave the field empty to keep a saved password.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="198"/>
        <source>Datorn har ingen säker nyckelring, så serverlösenordet kan inte sparas. Du skriver det i stället vid varje inloggning. Be IT-supporten installera och låsa upp en nyckelring (till exempel GNOME-nyckelringen eller KWallet) om du vill slippa det.</source>
        <translation>This computer has no secure keyring, so the server password cannot be saved. You type it at each sign-in instead. Ask IT support to install and unlock a keyring (for example GNOME Keyring or KWallet) if you want to avoid that.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="204"/>
        <source>skrivs vid inloggningen</source>
        <translation>typed at sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="210"/>
        <source>server</source>
        <translation>server</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="212"/>
        <source>språk</source>
        <translation>language</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="214"/>
        <source>skärmlås</source>
        <translation>screen lock</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="217"/>
        <source>Förinställt av IT: {what}. Det du väljer här gäller före förinställningen.</source>
        <translation>Preset by IT: {what}. What you choose here takes precedence over the preset.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="250"/>
        <source>Testar anslutningen …</source>
        <translation>Testing the connection …</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="264"/>
        <source>Anslutningen fungerar och databasen är förberedd för appen.</source>
        <translation>The connection works and the database is set up for the app.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="269"/>
        <source>Servern går inte att nå. Kontrollera adressen, lösenordet och nätverket, eller kontakta IT-supporten.</source>
        <translation>The server cannot be reached. Check the address, the password and the network, or contact IT support.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences/dialog.py" line="285"/>
        <source>Servern svarar, men: {detail}</source>
        <translation>The server answers, but: {detail}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="78"/>
        <source>Logga in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="80"/>
        <source>&lt;h2&gt;Kartläggning och handlingsplan&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Needs assessment and action plan&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="82"/>
        <source>Databas: {name}</source>
        <translation>Database: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="92"/>
        <source>&amp;Serverlösenord:</source>
        <translation>&amp;Server password:</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="96"/>
        <source>Serverlösenordet finns inte sparat i datorns nyckelring, så det skrivs här vid varje inloggning (lämna tomt om servern inte kräver något).</source>
        <translation>The server password is not saved in the computer&apos;s keyring, so it is typed here at each sign-in (leave it empty if the server needs none).</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="104"/>
        <source>&amp;Användarnamn:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="105"/>
        <source>&amp;Lösenord:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="110"/>
        <source>&amp;Logga in</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="113"/>
        <source>Avsluta</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="115"/>
        <source>&amp;Inställningar …</source>
        <translation>&amp;Settings …</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="149"/>
        <source>Skriv användarnamn och lösenord.</source>
        <translation>Type user name and password.</translation>
    </message>
    <message>
        <location filename="../../ui/startup/sign_in.py" line="151"/>
        <source>Loggar in …</source>
        <translation>Signing in …</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../ui/stats/page.py" line="95"/>
        <source>Från och med månad</source>
        <translation>From month</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="96"/>
        <source>Till och med månad</source>
        <translation>To month</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="98"/>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="99"/>
        <source>&amp;Ta fram statistik</source>
        <translation>&amp;Compute statistics</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="101"/>
        <source>&amp;Spara som …</source>
        <translation>&amp;Save as …</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="105"/>
        <source>Beräkning av statistiken</source>
        <translation>Computing the statistics</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="118"/>
        <source>Från:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="120"/>
        <source>Till:</source>
        <translation>To:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="122"/>
        <source>Enhet:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="127"/>
        <source>&lt;h2&gt;Statistik&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Statistics&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="145"/>
        <source>Alla enheter</source>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="251"/>
        <source>Spara statistiken</source>
        <translation>Save the statistics</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="253"/>
        <source>PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="267"/>
        <source>Statistiken är sparad i {path}</source>
        <translation>The statistics are saved in {path}</translation>
    </message>
</context>
<context>
    <name>SubjectAccessBox</name>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="39"/>
        <source>Registerutdrag</source>
        <translation>Subject access export</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="46"/>
        <source>Spara som P&amp;DF …</source>
        <translation>Save as P&amp;DF …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="47"/>
        <source>Spara som &amp;JSON …</source>
        <translation>Save as &amp;JSON …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="67"/>
        <source>Allt som finns sparat om personen i de ärenden du har tillgång till: personuppgifter, samtycken, kartläggningar, handlingsplaner, uppföljningar, osparade utkast och vem som har öppnat eller ändrat ärendet. Utdraget loggas.</source>
        <translation>Everything stored about the person in the cases you can reach: personal details, consents, assessments, action plans, follow-ups, unsaved drafts and who opened or changed the case. The export is logged.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="73"/>
        <source>Personen har skyddade personuppgifter: kontrollera vem som tar emot utdraget innan det lämnas ut. Adressen visas inte här.</source>
        <translation>The person has protected personal data: check who receives the export before it is handed out. The address is not shown here.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="84"/>
        <source>Spara registerutdraget som PDF</source>
        <translation>Save the subject access export as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="85"/>
        <source>PDF-dokument (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="89"/>
        <source>Spara registerutdraget som JSON</source>
        <translation>Save the subject access export as JSON</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="90"/>
        <source>JSON-fil (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="107"/>
        <source>Registerutdraget skapas …</source>
        <translation>Creating the subject access export …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="120"/>
        <source>Registerutdraget sparades som {name}.</source>
        <translation>The subject access export was saved as {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/subject_access.py" line="123"/>
        <source>{count} lagrade uppgifter gick inte att läsa; de är markerade [skadat värde] i utdraget.</source>
        <translation>{count} stored values could not be read; they are marked [skadat värde] (damaged value) in the extract.</translation>
    </message>
</context>
<context>
    <name>TableView</name>
    <message>
        <location filename="../../ui/stats/page.py" line="79"/>
        <source>Dolt: bygger på för få personer</source>
        <translation>Hidden: based on too few people</translation>
    </message>
</context>
<context>
    <name>TemplateMoveDialog</name>
    <message>
        <location filename="../../ui/interview/template_move.py" line="37"/>
        <source>flyttad</source>
        <translation>moved</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="38"/>
        <source>Förs över ({n} svar)</source>
        <translation>Carried over ({n} answers)</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="39"/>
        <source>Fråga</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="40"/>
        <source>Område i version {v}</source>
        <translation>Area in version {v}</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="41"/>
        <source>Inga svar att föra över.</source>
        <translation>No answers to carry over.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="42"/>
        <source>Nya frågor i version {v} ({n})</source>
        <translation>New questions in version {v} ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="43"/>
        <source>nytt område</source>
        <translation>new area</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="44"/>
        <source>Förs inte över ({n})</source>
        <translation>Not carried over ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="103"/>
        <source>Flytta till version {v} av frågorna</source>
        <translation>Move to version {v} of the questions</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="107"/>
        <source>Uppföljningen påbörjades på version {old}. Svaren på frågor som finns kvar oförändrade i version {new} förs över; de nya frågorna ställs i samtalet. Ingenting gissas.</source>
        <translation>The follow-up was started on version {old}. Answers to questions that remain unchanged in version {new} are carried over; the new questions are asked in the conversation. Nothing is guessed.</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="121"/>
        <source>&amp;Flytta till version {v}</source>
        <translation>&amp;Move to version {v}</translation>
    </message>
    <message>
        <location filename="../../ui/interview/template_move.py" line="122"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>UrgentPanel</name>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="191"/>
        <source>Akut – behöver hanteras:</source>
        <translation>Urgent – needs handling:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="193"/>
        <source>Akut – {n} saker behöver hanteras:</source>
        <translation>Urgent – {n} things need handling:</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="202"/>
        <source>{area}: {message} – sedan {when}</source>
        <translation>{area}: {message} – since {when}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="208"/>
        <source>(ESKALERAD: har varit öppen för länge)</source>
        <translation>(ESCALATED: has been open too long)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="214"/>
        <source>Registrera åtgärd …</source>
        <translation>Record action …</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="221"/>
        <source>{area}: {what} ({who}, {when})</source>
        <translation>{area}: {what} ({who}, {when})</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="229"/>
        <source>Hanterat tidigare: </source>
        <translation>Handled earlier: </translation>
    </message>
</context>
<context>
    <name>UserContactDialog</name>
    <message>
        <location filename="../../ui/admin/users_page.py" line="121"/>
        <source>Kontaktuppgifter för {user}</source>
        <translation>Contact details for {user}</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="125"/>
        <source>Skrivs ut på handlingsplanerna i användarens ärenden, så att den enskilde och utförarna kan nå handläggaren. Lämna tomt det som inte ska stå med.</source>
        <translation>Printed on the action plans of the user&apos;s cases, so that the person and the providers can reach the caseworker. Leave empty what should not be printed.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="132"/>
        <source>till exempel 08-123 456 78</source>
        <translation>for example 08-123 456 78</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="134"/>
        <source>till exempel fornamn.efternamn@kommun.se</source>
        <translation>for example firstname.lastname@kommun.se</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="137"/>
        <source>&amp;Telefon:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="138"/>
        <source>&amp;E-post:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="143"/>
        <source>&amp;Spara</source>
        <translation>&amp;Save</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../ui/admin/users_page.py" line="190"/>
        <source>&lt;h2&gt;Användare&lt;/h2&gt;&lt;p&gt;Administratörer hanterar konton och ser inga ärenden.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Users&lt;/h2&gt;&lt;p&gt;Administrators manage accounts and see no cases.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="197"/>
        <source>Användarnamn</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="198"/>
        <source>Namn</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="199"/>
        <source>Roll</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="200"/>
        <location filename="../../ui/admin/users_page.py" line="242"/>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="201"/>
        <source>Aktiv</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="202"/>
        <source>Kan låsa upp</source>
        <translation>Can unlock</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="211"/>
        <source>S&amp;täng av</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="212"/>
        <source>Akti&amp;vera</source>
        <translation>E&amp;nable</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="213"/>
        <source>Nytt &amp;lösenord …</source>
        <translation>New &amp;password …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="214"/>
        <source>&amp;Ta bort …</source>
        <translation>&amp;Remove …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="215"/>
        <source>&amp;Kontaktuppgifter …</source>
        <translation>&amp;Contact details …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="219"/>
        <source>&amp;Slutför nyckelbytet</source>
        <translation>&amp;Finish the key change</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="245"/>
        <source>&amp;Lägg till användaren</source>
        <translation>&amp;Add the user</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="249"/>
        <source>Ny användare</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="251"/>
        <source>&amp;Användarnamn:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="252"/>
        <source>&amp;Namn:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="253"/>
        <source>&amp;Roll:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="254"/>
        <source>&amp;Enhet:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="255"/>
        <source>&amp;Tillfälligt lösenord:</source>
        <translation>&amp;Temporary password:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="274"/>
        <source>Hämtar …</source>
        <translation>Loading …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="289"/>
        <source>Ett nyckelbyte avbröts innan det var klart. Bara administratörer kan logga in tills det är slutfört: tryck på Slutför nyckelbytet.</source>
        <translation>A key change was interrupted before it was finished. Only administrators can sign in until it is finished: press Finish the key change.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="305"/>
        <location filename="../../ui/admin/users_page.py" line="306"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="305"/>
        <source>Nej</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="306"/>
        <source>Nej – borttagen</source>
        <translation>No – removed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="384"/>
        <source>{user} är borttagen och kan inte låsa upp databasen. Ge användaren ett nytt lösenord i stället (Nytt lösenord …); då aktiveras kontot också.</source>
        <translation>{user} is removed and cannot unlock the database. Give the user a new password instead (New password …); that enables the account too.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="394"/>
        <source>{user} är aktiverad igen.</source>
        <translation>{user} is enabled again.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="396"/>
        <source>{user} är avstängd och kan inte logga in.</source>
        <translation>{user} is disabled and cannot sign in.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="406"/>
        <source>Ta bort användaren</source>
        <translation>Remove the user</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="407"/>
        <source>Ta bort {user}?</source>
        <translation>Remove {user}?</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="410"/>
        <source>Användarens nyckel tas bort och kontot stängs av: {user} kan inte längre låsa upp databasen, inte ens med rätt lösenord. Ärenden och loggar som användaren har skapat finns kvar. En session som är öppen just nu fortsätter tills den avslutas. Kontot kan bara öppnas igen genom att en administratör ger det ett nytt lösenord.</source>
        <translation>The user&apos;s key is removed and the account disabled: {user} can no longer unlock the database, not even with the right password. Cases and log entries the user created are kept. A session open right now goes on until it ends. The account can only be opened again by an administrator giving it a new password.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="418"/>
        <source>Byts nycklarna, öppnar en kopia av användarens nyckel (i en gammal säkerhetskopia) inte längre databasen.</source>
        <translation>With the keys changed, a copy of the user&apos;s key (in an old backup) no longer opens the database.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="423"/>
        <source>Byt också nycklarna (rekommenderas när någon slutar)</source>
        <translation>Also change the keys (recommended when someone leaves)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="426"/>
        <source>Ta bort</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="427"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="431"/>
        <source>Ny återställningsnyckel också</source>
        <translation>A new recovery key too</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="433"/>
        <source>Den gamla återställningsnyckeln slutar fungera; den nya visas en gång.</source>
        <translation>The old recovery key stops working; the new one is shown once.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="467"/>
        <source>{user} är borttagen och kan inte längre låsa upp databasen.</source>
        <translation>{user} is removed and can no longer unlock the database.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="476"/>
        <source>{user} är borttagen och alla nycklar är utbytta. De andra användarna får de nya nycklarna vid nästa inloggning; den som är inloggad nu behöver logga in igen.</source>
        <translation>{user} is removed and all keys are replaced. The other users get the new keys at their next sign-in; anyone signed in now must sign in again.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="492"/>
        <source>Behöver ett nytt lösenord: {users}.</source>
        <translation>Need a new password: {users}.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="507"/>
        <source>Ny återställningsnyckel</source>
        <translation>New recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="512"/>
        <source>Den gamla återställningsnyckeln fungerar inte längre. Skriv ner den nya och förvara den säkert: den visas bara nu.</source>
        <translation>The old recovery key no longer works. Write down the new one and keep it safe: it is shown only now.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="525"/>
        <source>Nyckelbytet är slutfört. De andra användarna kan logga in igen.</source>
        <translation>The key change is finished. The other users can sign in again.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="544"/>
        <source>{user} har fått ett nytt lösenord och kontot är aktivt.</source>
        <translation>{user} has a new password and the account is enabled.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="580"/>
        <source>Kontaktuppgifterna för {user} är sparade.</source>
        <translation>The contact details for {user} are saved.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_page.py" line="597"/>
        <source>Användaren {name} är tillagd. Lösenordet är tillfälligt: {name} väljer ett eget vid första inloggningen.</source>
        <translation>The user {name} is added. The password is temporary: {name} chooses their own at the first sign-in.</translation>
    </message>
</context>
<context>
    <name>_ButtonsEditor</name>
    <message>
        <location filename="../../ui/interview/question_widgets.py" line="99"/>
        <source>Töm svaret</source>
        <translation>Clear the answer</translation>
    </message>
</context>
<context>
    <name>_LineEditor</name>
    <message>
        <location filename="../../ui/interview/question_widgets.py" line="165"/>
        <source>ÅÅÅÅ-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>_ScaleEditor</name>
    <message>
        <location filename="../../ui/interview/question_widgets.py" line="243"/>
        <source>Ej besvarad</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <location filename="../../ui/interview/question_widgets.py" line="263"/>
        <source>{low} till {high}</source>
        <translation>{low} to {high}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="62"/>
        <source>Kartläggning</source>
        <translation>Assessment</translation>
    </message>
</context>
<context>
    <name>consents</name>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="70"/>
        <source>Återkallat</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="72"/>
        <source>Förnyat</source>
        <translation>Renewed</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="74"/>
        <source>Gäller från {day}</source>
        <translation>Valid from {day}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="79"/>
        <source>Har upphört {day}</source>
        <translation>Ended {day}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="86"/>
        <source>Upphör i dag</source>
        <translation>Ends today</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="88"/>
        <source>Upphör i morgon</source>
        <translation>Ends tomorrow</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="89"/>
        <source>Upphör om {n} dagar</source>
        <translation>Ends in {n} days</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="90"/>
        <source>Gäller</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="115"/>
        <source>Spara den inskannade kopian</source>
        <translation>Save the scanned copy</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/consents_tab.py" line="117"/>
        <source>Inskannad kopia (*{suffix})</source>
        <translation>Scanned copy (*{suffix})</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="31"/>
        <source>skapade ärendet</source>
        <translation>created the case</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="34"/>
        <source>öppnade ärendet (skyddade personuppgifter)</source>
        <translation>opened the case (protected personal data)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="37"/>
        <source>öppnade ärendet</source>
        <translation>opened the case</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="40"/>
        <source>avslutade ärendet</source>
        <translation>closed the case</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="42"/>
        <source>öppnade ärendet igen</source>
        <translation>reopened the case</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="44"/>
        <source>delade ärendet med en kollega</source>
        <translation>shared the case with a colleague</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="45"/>
        <source>ändrade ärendet</source>
        <translation>changed the case</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="48"/>
        <source>gjorde ett registerutdrag</source>
        <translation>made a subject access export</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="50"/>
        <source>gjorde ett registerutdrag (PDF)</source>
        <translation>made a subject access export (PDF)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="52"/>
        <source>skrev ut planen, version {v}</source>
        <translation>printed the plan, version {v}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="56"/>
        <source>exporterade plan (PDF) för utförare, version {v}</source>
        <translation>exported the plan (PDF) for a provider, version {v}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="60"/>
        <source>exporterade plan (PDF) för den enskilde, version {v}</source>
        <translation>exported the plan (PDF) for the individual, version {v}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="63"/>
        <source>exporterade uppgifter</source>
        <translation>exported data</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="67"/>
        <source>skickade handlingsplanen version {v} för granskning</source>
        <translation>submitted action plan version {v} for review</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="71"/>
        <source>godkände handlingsplanen version {v}</source>
        <translation>approved action plan version {v}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="75"/>
        <source>lämnade tillbaka handlingsplanen version {v}</source>
        <translation>returned action plan version {v}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="78"/>
        <source>granskade handlingsplanen</source>
        <translation>reviewed the action plan</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="80"/>
        <source>skickade in planen version {v} innan kartläggningen var klar (med skäl)</source>
        <translation>submitted plan version {v} before the assessment was finished (with a reason)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="84"/>
        <source>godkände sin egen plan, version {v} (enhetens regel tillåter det)</source>
        <translation>approved their own plan, version {v} (the unit&apos;s rule allows it)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="88"/>
        <source>lämnade planen version {v} till en utförare före beslut (med skäl)</source>
        <translation>gave plan version {v} to a provider before the decision (with a reason)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="92"/>
        <source>upptäckte ett skadat värde som inte kunde läsas</source>
        <translation>found a damaged value that could not be read</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="98"/>
        <source>påbörjade en uppföljande skattning</source>
        <translation>started a follow-up rating</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="99"/>
        <source>påbörjade en kartläggning</source>
        <translation>started a needs assessment</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="102"/>
        <source>gjorde version {v} av handlingsplanen</source>
        <translation>made version {v} of the action plan</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="105"/>
        <source>skapade en handlingsplan</source>
        <translation>created an action plan</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="107"/>
        <source>registrerade ett samtycke</source>
        <translation>registered a consent</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="109"/>
        <source>planerade en uppföljning</source>
        <translation>scheduled a follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="110"/>
        <source>lade till uppgifter</source>
        <translation>added data</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="114"/>
        <source>slutförde kartläggningen</source>
        <translation>completed the needs assessment</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="115"/>
        <source>sparade kartläggningen</source>
        <translation>saved the needs assessment</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="117"/>
        <source>sparade handlingsplanen version {v}</source>
        <translation>saved action plan version {v}</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="122"/>
        <source>återkallade ett samtycke</source>
        <translation>withdrew a consent</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="123"/>
        <source>ändrade samtyckets omfattning</source>
        <translation>changed the scope of a consent</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="125"/>
        <source>markerade en uppföljning som genomförd</source>
        <translation>marked a follow-up as done</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="127"/>
        <source>ändrade personuppgifterna</source>
        <translation>changed the personal details</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="128"/>
        <source>ändrade uppgifter</source>
        <translation>changed data</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/history_tab.py" line="130"/>
        <source>tog bort uppgifter</source>
        <translation>deleted data</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/cases/labels.py" line="10"/>
        <source>Öppet</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="11"/>
        <source>Avslut begärt</source>
        <translation>Closing requested</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="12"/>
        <source>Avslutat</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="18"/>
        <source>Ingen</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="19"/>
        <source>Sekretessmarkering</source>
        <translation>Confidentiality marking</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="20"/>
        <source>Skyddad folkbokföring</source>
        <translation>Protected population registration</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="21"/>
        <source>Fingerade personuppgifter</source>
        <translation>Fictitious personal data</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="29"/>
        <source>Ej angiven</source>
        <translation>Not given</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="30"/>
        <source>Personen själv</source>
        <translation>The person</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="31"/>
        <location filename="../../ui/cases/labels.py" line="40"/>
        <location filename="../../ui/cases/labels.py" line="55"/>
        <source>Polisen</source>
        <translation>The police</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="32"/>
        <location filename="../../ui/cases/labels.py" line="41"/>
        <source>Kriminalvården</source>
        <translation>Prison and Probation Service</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="33"/>
        <location filename="../../ui/cases/labels.py" line="45"/>
        <location filename="../../ui/cases/labels.py" line="54"/>
        <source>Extern aktör</source>
        <translation>External provider</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="34"/>
        <source>Annan</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="42"/>
        <source>Försäkringskassan</source>
        <translation>Social Insurance Agency</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="43"/>
        <source>Hälso- och sjukvården</source>
        <translation>Healthcare</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="44"/>
        <source>Arbetsförmedlingen</source>
        <translation>Public Employment Service</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="46"/>
        <source>Annan mottagare</source>
        <translation>Other recipient</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="52"/>
        <source>Den enskilde</source>
        <translation>The individual</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="53"/>
        <source>Socialtjänsten</source>
        <translation>Social services</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="56"/>
        <source>Annan myndighet</source>
        <translation>Other authority</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="62"/>
        <source>Planerad</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="63"/>
        <location filename="../../ui/cases/labels.py" line="88"/>
        <source>Pågår</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="64"/>
        <source>Klar</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="65"/>
        <source>Avbruten</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="71"/>
        <source>Utkast</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="72"/>
        <source>Inskickad för granskning</source>
        <translation>Submitted for review</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="73"/>
        <source>Godkänd</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="74"/>
        <source>Återlämnad</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="75"/>
        <source>Ersatt av ny version</source>
        <translation>Superseded by a new version</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="81"/>
        <source>Kartläggning</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="82"/>
        <source>Uppföljning</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="89"/>
        <source>Avslutad</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="95"/>
        <source>Handläggare</source>
        <translation>Caseworker</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="96"/>
        <source>Arbetsledare</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/cases/labels.py" line="97"/>
        <source>Administratör</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../ui/messages.py" line="32"/>
        <source>Fel användarnamn eller lösenord. Kontrollera och försök igen.</source>
        <translation>Wrong user name or password. Check and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36"/>
        <source>Kontot är tillfälligt låst efter för många misslyckade försök. {detail}</source>
        <translation>The account is temporarily locked after too many failed attempts. {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="40"/>
        <source>Kontot är avstängt. Kontakta en administratör för att få det aktiverat.</source>
        <translation>The account is disabled. Ask an administrator to enable it.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="44"/>
        <source>Det går inte att nå databasservern. Kontrollera nätverket eller kontakta IT-supporten. Inget har ändrats.</source>
        <translation>The database server cannot be reached. Check the network or contact IT support. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="50"/>
        <source>Filen eller databasen är inte en databas för den här appen. Den har inte ändrats. Kontakta IT-supporten.</source>
        <translation>The file or database is not a database of this app. It was not changed. Contact IT support.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="56"/>
        <source>Databasen är skapad av en nyare version av appen. Uppdatera appen.</source>
        <translation>The database was made by a newer version of the app. Update the app.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="60"/>
        <source>Databasen hittades inte. Kontrollera sökvägen eller kontakta IT-supporten.</source>
        <translation>The database was not found. Check the path or contact IT support.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="69"/>
        <source>Fel lösenord. Försök igen.</source>
        <translation>Wrong password. Try again.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="79"/>
        <source>Något gick fel ({kind}). Inget av det du skrivit har tagits bort. Försök igen eller kontakta IT-supporten.</source>
        <translation>Something went wrong ({kind}). Nothing you typed has been removed. Try again or contact IT support.</translation>
    </message>
</context>
<context>
    <name>review</name>
    <message>
        <location filename="../../ui/review/plan_review.py" line="47"/>
        <source>Inskickad</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="48"/>
        <source>Godkänd</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="49"/>
        <source>Återlämnad</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="50"/>
        <source>Lämnad till utförare före beslut</source>
        <translation>Given to a provider before the decision</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="56"/>
        <source>Godkänd av den som skrev eller ändrade planen</source>
        <translation>Approved by the person who wrote or changed the plan</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="59"/>
        <source>Kartläggningen var inte klar; skäl:</source>
        <translation>The assessment was not finished; reason:</translation>
    </message>
    <message>
        <location filename="../../ui/review/plan_review.py" line="71"/>
        <source>version</source>
        <translation>version</translation>
    </message>
</context>
<context>
    <name>safety</name>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="68"/>
        <source>Våld</source>
        <translation>Violence</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="69"/>
        <source>Hot</source>
        <translation>Threats</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="70"/>
        <source>Utpressning</source>
        <translation>Extortion</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="71"/>
        <source>Förföljelse</source>
        <translation>Stalking</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="72"/>
        <source>Hot eller kontroll på nätet</source>
        <translation>Threats or control online</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="73"/>
        <source>Vapen</source>
        <translation>Weapons</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="74"/>
        <location filename="../../ui/case_view/safety_tab.py" line="115"/>
        <source>Annat</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="80"/>
        <source>– inte bedömd –</source>
        <translation>– not assessed –</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="81"/>
        <source>Låg</source>
        <translation>Low</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="82"/>
        <source>Förhöjd</source>
        <translation>Elevated</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="83"/>
        <source>Hög</source>
        <translation>High</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="89"/>
        <source>Barn</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="90"/>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="91"/>
        <source>Förälder</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="92"/>
        <source>Syskon</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="93"/>
        <source>Annan</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="99"/>
        <source>Säker plats</source>
        <translation>Safe place</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="100"/>
        <source>Säker ort</source>
        <translation>Safe town</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="101"/>
        <source>Säker mötesplats</source>
        <translation>Safe meeting place</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="102"/>
        <source>Plats att undvika</source>
        <translation>Place to avoid</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="103"/>
        <source>Ort att undvika</source>
        <translation>Town to avoid</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="109"/>
        <source>Skyddade personuppgifter</source>
        <translation>Protected personal details</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="110"/>
        <source>Byte av skola</source>
        <translation>School transfer</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="111"/>
        <source>Flytt</source>
        <translation>Moving</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="112"/>
        <source>Byte av telefon</source>
        <translation>Changing phone</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="113"/>
        <source>Byte av konton</source>
        <translation>Changing accounts</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="114"/>
        <source>Digitala spår</source>
        <translation>Digital footprint</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="121"/>
        <source>Socialtjänsten</source>
        <translation>Social services</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="122"/>
        <source>Den enskilde</source>
        <translation>The individual</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="123"/>
        <source>Utförare</source>
        <translation>Provider</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="124"/>
        <source>Polisen</source>
        <translation>The police</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="125"/>
        <source>Annan myndighet</source>
        <translation>Other authority</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="131"/>
        <source>Planerad</source>
        <translation>Planned</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="132"/>
        <source>Pågår</source>
        <translation>Ongoing</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="133"/>
        <source>Klar</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="134"/>
        <source>Avbruten</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="140"/>
        <source>utkast</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="141"/>
        <source>inskickad för granskning</source>
        <translation>submitted for review</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="142"/>
        <source>godkänd</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="143"/>
        <source>återlämnad</source>
        <translation>returned</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="144"/>
        <source>ersatt av en nyare version</source>
        <translation>replaced by a newer version</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="189"/>
        <source>Ta bort raden</source>
        <translation>Remove the row</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/safety_tab.py" line="279"/>
        <source>Datumet ”{text}” i {column} går inte att läsa (ÅÅÅÅ-MM-DD).</source>
        <translation>The date “{text}” in {column} cannot be read (YYYY-MM-DD).</translation>
    </message>
</context>
<context>
    <name>urgent</name>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="38"/>
        <source>Kontakt med polisen</source>
        <translation>Contacted the police</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="39"/>
        <source>Akut eller skyddat boende ordnat</source>
        <translation>Emergency or protected housing arranged</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="42"/>
        <source>Kontakt med vården (psykiatri, akuten, 1177)</source>
        <translation>Contacted healthcare (psychiatry, emergency, 1177)</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="45"/>
        <source>Orosanmälan / barnets socialsekreterare</source>
        <translation>Report of concern / the child&apos;s social worker</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="48"/>
        <source>Skyddsplanering med personen</source>
        <translation>Safety planning with the person</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="49"/>
        <source>Samtal med personen, risken bedömd</source>
        <translation>Talked with the person, risk assessed</translation>
    </message>
    <message>
        <location filename="../../ui/case_view/urgent.py" line="52"/>
        <source>Annat</source>
        <translation>Other</translation>
    </message>
</context>
</TS>
