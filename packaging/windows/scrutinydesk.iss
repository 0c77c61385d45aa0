; Inno Setup script: a per-machine installer for the one-folder build in dist\scrutinydesk\.
; Build (from the repository root, after `pyinstaller --noconfirm packaging\scrutinydesk.spec`):
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\scrutinydesk.iss
; Output: dist\scrutinydesk-0.1.0-setup.exe. Silent install for IT: scrutinydesk-0.1.0-setup.exe /VERYSILENT /ALLUSERS
; IT's preconfiguration (packaging\site\scrutinydesk.ini and the .pub it names) is already in dist\scrutinydesk\,
; beside scrutinydesk.exe, when it was there at build time; see packaging\README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root "..\.."

[Setup]
AppId={{6F0C8B52-4B1E-4D0C-9E57-5C2B7A3D9E41}
AppName=scrutinydesk
AppVersion={#AppVersion}
AppPublisher=scrutinydesk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\scrutinydesk
DefaultGroupName=scrutinydesk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=scrutinydesk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\scrutinydesk.ico
UninstallDisplayIcon={app}\scrutinydesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "Put an icon on the desktop"; GroupDescription: "Shortcuts:"

[Files]
Source: "{#Root}\dist\scrutinydesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\scrutinydesk"; Filename: "{app}\scrutinydesk.exe"
Name: "{autodesktop}\scrutinydesk"; Filename: "{app}\scrutinydesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\scrutinydesk.exe"; Description: "Open scrutinydesk now"; Flags: nowait postinstall skipifsilent
