; Inno Setup 6.3+ script for PicToText Desktop: per-user install, no administrator rights.
; Saved as UTF-8 with a BOM so ISCC reads the Chinese messages correctly.
;
; Built by packaging/build.py on Windows, which runs:
;   ISCC.exe /DAppVersion=<pictotext_desktop.__version__> /DSourceDir=<dist\pictotext-desktop>
;            /DOutputDir=<dist> /DRepoRoot=<repo> packaging\windows\pictotext-desktop.iss
; The version is never written here: it comes from the package via /DAppVersion.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (packaging/build.py does this)
#endif
#ifndef RepoRoot
  #define RepoRoot AddBackslash(SourcePath) + "..\.."
#endif
#ifndef SourceDir
  #define SourceDir RepoRoot + "\dist\pictotext-desktop"
#endif
#ifndef OutputDir
  #define OutputDir RepoRoot + "\dist"
#endif

#define AppName "PicToText Desktop"
#define AppExe "pictotext-desktop.exe"
#define ProgId "PicToText.Desktop.Image"
; Chinese (Simplified) is an unofficial Inno Setup translation, not installed with Inno
; Setup: use it when the build machine has Languages\ChineseSimplified.isl, else English only.
#define HaveChinese FileExists(CompilerPath + "Languages\ChineseSimplified.isl")

[Setup]
; AppId identifies the install for upgrades and uninstall: never change it.
AppId={{6F0C5E0B-3A7D-4C55-9A51-7E2B1D0C9F43}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
; VersionInfoVersion must be numeric (x.y.z): build.py passes a release version, not "0.2.0rc1".
VersionInfoVersion={#AppVersion}
AppPublisher=PicToText Desktop developers
AppPublisherURL=https://pictotext.io/
AppSupportURL=https://pictotext.io/support/
; Per-user: installs into %LOCALAPPDATA%\Programs, writes only HKCU, never asks for admin.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=pictotext-desktop-{#AppVersion}-windows-x86_64-setup
SetupIconFile={#RepoRoot}\resources\icons\io.pictotext.Desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; File associations change Explorer's view: tell it to refresh after (un)install.
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#if HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
english.AssocGroup=File associations:
english.AssocTask=Offer {#AppName} in "Open with" for JPEG, PNG, HEIC/HEIF and WebP photos
#if HaveChinese
chinesesimplified.AssocGroup=文件关联：
chinesesimplified.AssocTask=在“打开方式”中为 JPEG、PNG、HEIC/HEIF 和 WebP 照片提供 {#AppName}
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AssocGroup}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle wholesale so no stale library from an older build remains.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; HKA is HKCU in a per-user install, HKLM when an administrator chose "all users".
; The ProgID is removed on uninstall; the OpenWithProgids values only add the app to
; "Open with" and never take the default handler away from the Photos app.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Identity document photo"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jpg"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jpeg"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".png"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".heic"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".heif"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".webp"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.jpg\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.jpeg\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.png\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.heic\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.heif\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.webp\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the app itself created beside the program; user settings, the keyring entry
; and exported files are the user's and stay.
Type: filesandordirs; Name: "{app}\_internal"
