; NSIS installer for the assessment app (Kartläggning): per-machine install, Start-menu entry,
; an uninstaller that keeps every user's data. Compile with makensis (Windows or Linux):
;
;   makensis /DVERSION=0.1.0 /DVERSION_QUAD=0.1.0.0 /DDIST_DIR=..\..\dist\assessment-app ^
;            /DOUTFILE=..\..\dist\assessment-app-0.1.0-setup.exe assessment-app.nsi
;
; or run `python installer/windows/build_installer.py`, which fills these in from the package
; metadata. See docs/install.md for silent installs and the settings IT can preset.
;
; Command-line options of the built installer (besides NSIS's own /S and /D=<folder>):
;   /SETTINGS=<file>    copy <file> to <install folder>\settings.json (IT's presets)
; and of the uninstaller:
;   /REMOVESETTINGS     also delete <install folder>\settings.json (kept by default)

Unicode true
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef VERSION
  !error "Pass the version: /DVERSION=x.y.z"
!endif
!ifndef VERSION_QUAD
  !error "Pass the numeric version for Windows: /DVERSION_QUAD=x.y.z.0"
!endif
!ifndef DIST_DIR
  !error "Pass the PyInstaller folder: /DDIST_DIR=<path>\assessment-app"
!endif
!ifndef OUTFILE
  !define OUTFILE "assessment-app-${VERSION}-setup.exe"
!endif
!ifndef SETTINGS_EXAMPLE
  !define SETTINGS_EXAMPLE "settings.example.json"
!endif

!define APP_ID "assessment-app"
!define APP_NAME "Kartläggning"
!define APP_EXE "assessment-app.exe"
!define PUBLISHER "Socialtjänsten"
!define REG_KEY "Software\${APP_ID}"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_ID}"
InstallDirRegKey HKLM "${REG_KEY}" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ManifestDPIAware true
ShowInstDetails nevershow
ShowUninstDetails nevershow
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} – installationsprogram"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${DIST_DIR}\_internal\resources\icons\assessment-app.ico"
!define MUI_UNICON "${DIST_DIR}\_internal\resources\icons\assessment-app.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_NOAUTOCLOSE

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default; Windows' own display language picks between them.
!insertmacro MUI_LANGUAGE "Swedish"
!insertmacro MUI_LANGUAGE "English"

LangString Need64Bit ${LANG_SWEDISH} "Programmet kräver 64-bitars Windows."
LangString Need64Bit ${LANG_ENGLISH} "The program needs 64-bit Windows."
LangString NoSettingsFile ${LANG_SWEDISH} "Inställningsfilen som angavs med /SETTINGS finns inte:"
LangString NoSettingsFile ${LANG_ENGLISH} "The settings file given with /SETTINGS does not exist:"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "$(Need64Bit)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Install"
  ; An upgrade replaces the program files. Only the bundle's own folder and files are removed,
  ; never the install folder as a whole, and never settings.json.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\assessment-app-cli.exe"

  SetOutPath "$INSTDIR"
  File /r "${DIST_DIR}\*"
  File "/oname=settings.example.json" "${SETTINGS_EXAMPLE}"

  ; Presets from IT: /SETTINGS=<file> becomes settings.json next to the program.
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/SETTINGS=" $R1
  ${IfNot} ${Errors}
    ${If} ${FileExists} "$R1"
      CopyFiles /SILENT "$R1" "$INSTDIR\settings.json"
    ${Else}
      MessageBox MB_ICONSTOP|MB_OK "$(NoSettingsFile)$\r$\n$R1" /SD IDOK
      SetErrorLevel 2
      Abort
    ${EndIf}
  ${EndIf}

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKLM "${REG_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${REG_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  ; Program files only. Every user's data (the database, settings and logs under
  ; %LOCALAPPDATA%\assessment-app and %APPDATA%, the app's registry preferences under
  ; HKCU\Software\assessment-app, and keyring entries) is deliberately left untouched.
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\assessment-app-cli.exe"
  Delete "$INSTDIR\settings.example.json"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/REMOVESETTINGS" $R1
  ${IfNot} ${Errors}
    Delete "$INSTDIR\settings.json"
  ${EndIf}
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only when empty: a kept settings.json keeps the folder
  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "${REG_KEY}"
SectionEnd
