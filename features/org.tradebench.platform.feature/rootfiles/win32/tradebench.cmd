@echo off
rem Tradebench launcher for Windows. It sits in the product directory next to plugins\ and configuration\.
rem
rem   tradebench [OPTION...]          open the workbench; options pass to Eclipse, e.g. -consoleLog
rem   tradebench COMMAND [ARG...]     run a headless command (decode, replay, verify, record, install, ...)
rem
rem Java 21 or newer: %TRADEBENCH_JAVA% if set, else %JAVA_HOME%\bin\java.exe, else java on PATH.
rem Environment: TRADEBENCH_VM_ARGS (extra JVM options), TRADEBENCH_WORKSPACE (settings and layout).
setlocal EnableDelayedExpansion
set "TB_HOME=%~dp0"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
if defined TRADEBENCH_JAVA set "JAVA=%TRADEBENCH_JAVA%"

set "LAUNCHER="
for %%f in ("%TB_HOME%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~f"
if not defined LAUNCHER (
  echo tradebench: no plugins\org.eclipse.equinox.launcher_*.jar under %TB_HOME%: is this a Tradebench product directory? 1>&2
  exit /b 1
)

rem JVM options: the -vmargs section of eclipse.ini (from tradebench.product), then TRADEBENCH_VM_ARGS.
set "VMARGS="
set "INVM="
if exist "%TB_HOME%eclipse.ini" (
  for /f "usebackq delims=" %%l in ("%TB_HOME%eclipse.ini") do (
    if defined INVM (set "VMARGS=!VMARGS! %%l") else if "%%l"=="-vmargs" set "INVM=1"
  )
)
if not defined VMARGS set "VMARGS=-Xms256m -Xmx2g --enable-native-access=ALL-UNNAMED -Dosgi.dataAreaRequiresExplicitInit=true"
if exist "%TB_HOME%logging.properties" set "VMARGS=%VMARGS% -Djava.util.logging.config.file=%TB_HOME%logging.properties"

set "DATA="
if defined TRADEBENCH_WORKSPACE set "DATA=-data "%TRADEBENCH_WORKSPACE%""

set "FIRST=%~1"
if "%FIRST%"=="" goto workbench
if "%FIRST:~0,1%"=="-" goto workbench
"%JAVA%" %VMARGS% %TRADEBENCH_VM_ARGS% -Djava.awt.headless=true -Dtradebench.connector.services=off -jar "%LAUNCHER%" -application org.tradebench.cli.application -nosplash %DATA% %*
exit /b %ERRORLEVEL%

:workbench
"%JAVA%" %VMARGS% %TRADEBENCH_VM_ARGS% -jar "%LAUNCHER%" %DATA% %*
exit /b %ERRORLEVEL%
