; Inno Setup script: wraps the one-folder build (dist\newsroom-archive) into a setup program.
; Built by packaging\build.py, which passes the version and folders:
;   ISCC /DAppVersion=0.1.0 /DBuildDir=...\dist\newsroom-archive /DOutputDir=...\dist newsroom-archive.iss
; Installs for the current user by default (reporters rarely have admin rights; an admin can
; choose "all users"), adds a Start-menu entry and an uninstaller. No file associations. The
; archive and settings in the user's data folder are never touched by the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BuildDir
  #define BuildDir "..\..\dist\newsroom-archive"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "Newsroom Archive"
#define AppExe "newsroom-archive.exe"

[Setup]
; The AppId identifies the app for upgrades and uninstall: never change it.
AppId={{6B1F3C2E-4A7D-4E59-9C1B-2D8F5A7E3B41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Newsroom Archive developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=newsroom-archive-{#AppVersion}-windows-x86_64-setup
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version must not run with libraries left over from the previous one.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Search, tag and brief from your articles"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
