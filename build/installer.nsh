; Ayil's addition to electron-builder's NSIS installer (build/electron-builder.yml, nsis.include).
; Saved as UTF-8 with a byte-order mark: without it NSIS reads the Russian text in the ANSI code page.
;
; The uninstaller keeps the kiosk's data folder (learners, their progress and certificates,
; installed courses, backups) unless the person uninstalling says to delete it. An update runs the
; old version's uninstaller silently: it never asks and never deletes. `Uninstall Ayil.exe /S`
; keeps the data too; `--delete-app-data` deletes it without asking (electron-builder's option).

!macro customUnInstall
  ${ifNot} ${isUpdated}
    ${if} $LANGUAGE == 1049
      StrCpy $R9 "Удалить также данные программы «Айыл» на этом компьютере: учащихся, их прогресс и сертификаты, установленные курсы?$\r$\n$\r$\nНажмите «Нет», чтобы сохранить их для новой установки."
    ${else}
      StrCpy $R9 "Also delete Ayil's data on this computer: the learners, their progress and certificates, the installed courses?$\r$\n$\r$\nChoose No to keep them for a new installation."
    ${endif}
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "$R9" /SD IDNO IDNO ayilKeepData
      ; Electron keeps data per user: the folder is that of the user running the uninstaller.
      ${if} $installMode == "all"
        SetShellVarContext current
      ${endif}
      RMDir /r "$APPDATA\Ayil"
      ${if} $installMode == "all"
        SetShellVarContext all
      ${endif}
    ayilKeepData:
  ${endif}
!macroend
