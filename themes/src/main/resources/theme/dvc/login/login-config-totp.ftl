<#--
  Setting up the authenticator app (Keycloak's required action CONFIGURE_TOTP), DVC's own page: Keycloak 26.7's
  keycloak.v2 page labels its two inputs with for="form-vertical-name", so neither field has a label (axe-core:
  "label", critical; WCAG 1.3.1, 4.1.2). Same beans and form fields as Keycloak's (totp, totpSecret, userLabel).
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<@layout.registrationLayout displayRequiredFields=false displayMessage=!messagesPerField.existsError('totp','userLabel'); section>
    <#if section = "header">
        ${msg("loginTotpTitle")}
    <#elseif section = "form">
        <ol id="kc-totp-settings" class="dvc-totp-steps">
            <li>
                <p>${msg("loginTotpStep1")}</p>
                <ul id="kc-totp-supported-apps">
                    <#list totp.supportedApplications as app>
                        <li>${msg(app)}</li>
                    </#list>
                </ul>
            </li>
            <#if mode?? && mode = "manual">
                <li>
                    <p>${msg("loginTotpManualStep2")}</p>
                    <p><code id="kc-totp-secret-key">${totp.totpSecretEncoded}</code></p>
                    <p><a href="${totp.qrUrl}" id="mode-barcode">${msg("loginTotpScanBarcode")}</a></p>
                </li>
                <li>
                    <p>${msg("loginTotpManualStep3")}</p>
                    <dl id="kc-totp-policy" class="dvc-totp-policy">
                        <dt>${msg("loginTotpType")}</dt><dd>${msg("loginTotp." + totp.policy.type)}</dd>
                        <dt>${msg("loginTotpAlgorithm")}</dt><dd>${totp.policy.getAlgorithmKey()}</dd>
                        <dt>${msg("loginTotpDigits")}</dt><dd>${totp.policy.digits}</dd>
                        <#if totp.policy.type = "totp">
                            <dt>${msg("loginTotpInterval")}</dt><dd>${totp.policy.period}</dd>
                        <#else>
                            <dt>${msg("loginTotpCounter")}</dt><dd>${totp.policy.initialCounter}</dd>
                        </#if>
                    </dl>
                </li>
            <#else>
                <li>
                    <p>${msg("loginTotpStep2")}</p>
                    <img id="kc-totp-secret-qr-code" src="data:image/png;base64, ${totp.totpSecretQrCode}" alt="${msg('dvcTotpQrAlt')}"/>
                    <p><a href="${totp.manualUrl}" id="mode-manual">${msg("loginTotpUnableToScan")}</a></p>
                </li>
            </#if>
            <li>
                <p>${msg("loginTotpStep3")}</p>
                <p>${msg("loginTotpStep3DeviceName")}</p>
            </li>
        </ol>
        <form action="${url.loginAction}" class="${properties.kcFormClass!}" id="kc-totp-settings-form" method="post" novalidate="novalidate">
            <@field.group name="totp" label=msg("authenticatorCode") error=messagesPerField.get('totp') required=true>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('totp')>${properties.kcError}</#if>">
                    <input type="text" required id="totp" name="totp" autocomplete="one-time-code" inputmode="numeric" autofocus
                           <#if messagesPerField.existsError('totp')>aria-invalid="true" aria-describedby="input-error-totp"</#if>/>
                </span>
            </@field.group>
            <input type="hidden" id="totpSecret" name="totpSecret" value="${totp.totpSecret}"/>
            <#if mode??><input type="hidden" id="mode" name="mode" value="${mode}"/></#if>
            <@field.group name="userLabel" label=msg("loginTotpDeviceName") error=messagesPerField.get('userLabel') required=(totp.otpCredentials?size gte 1)>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('userLabel')>${properties.kcError}</#if>">
                    <input type="text" id="userLabel" name="userLabel" autocomplete="off"
                           <#if messagesPerField.existsError('userLabel')>aria-invalid="true" aria-describedby="input-error-userLabel"</#if>/>
                </span>
            </@field.group>
            <div class="${properties.kcFormGroupClass!}">
                <button type="submit" id="saveTOTPBtn" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("doSubmit")}</button>
                <#if isAppInitiatedAction??>
                    <button type="submit" id="cancelTOTPBtn" name="cancel-aia" value="true"
                            class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("doCancel")}</button>
                </#if>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
