import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { type Observable, firstValueFrom } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import { type EngagementSubtype, type EngagementType, EngagementsApi } from '../../core/engagements-api';
import { problemSlug, toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { ConfirmDialog, type ConfirmDialogData } from '../ui/confirm-dialog';
import { ProblemAlert } from '../ui/problem-alert';

/** `/staff/settings/engagement-types`: the firm's engagement types and subtypes, and what clients may do (admins edit, staff read). */
@Component({
  selector: 'app-engagement-types-page',
  imports: [NgTemplateOutlet, FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, MatSlideToggleModule, Icon, ProblemAlert],
  template: `
        <ng-template #typeRow let-t let-first="first" let-last="last" let-kind="kind">
          @if (editing() === t.id) {
            <form class="inline" (ngSubmit)="rename(t)" [attr.aria-label]="'Rename ' + kind">
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>Name</mat-label>
                <input matInput name="name" [(ngModel)]="draft" required maxlength="100" />
              </mat-form-field>
              <button mat-flat-button type="submit" [disabled]="busy()">Save</button>
              <button mat-button type="button" (click)="editing.set(null)">Cancel</button>
            </form>
          } @else {
            <span [class]="kind === 'type' ? 'name' : 'sub-name'">{{ t.name }}</span>
            @if (isAdmin()) {
              <span class="row-actions">
                <button mat-icon-button type="button" (click)="move(t, -1)" [disabled]="first || busy()" [attr.aria-label]="'Move ' + t.name + ' up'"><app-icon name="arrow-up" /></button>
                <button mat-icon-button type="button" (click)="move(t, 1)" [disabled]="last || busy()" [attr.aria-label]="'Move ' + t.name + ' down'"><app-icon name="arrow-down" /></button>
                <button mat-icon-button type="button" (click)="startEdit(t)" [attr.aria-label]="'Rename ' + t.name"><app-icon name="edit" /></button>
                <button mat-icon-button type="button" (click)="remove(t)" [attr.aria-label]="'Delete ' + t.name"><app-icon name="delete" /></button>
              </span>
            }
          }
        </ng-template>

    <p class="crumbs"><a routerLink="/staff/settings">Settings</a> ›</p>
    <div class="page-head">
      <div>
        <h1>Engagements</h1>
        <p class="sub">The types of your cases, matters and projects, and what clients may do on the portal.</p>
      </div>
    </div>

    @if (!isAdmin()) {
      <div class="alert alert-info" role="note">
        <app-icon name="lock" />
        <span>Only an admin can change these settings. You can see them here.</span>
      </div>
    }
    <app-problem-alert [problem]="problem()" />

    <section class="card section-card" aria-labelledby="clients-title">
      <h2 id="clients-title">Clients</h2>
      @if (settings(); as s) {
        <mat-slide-toggle [checked]="s.clientsMayCompleteTasks" (change)="setClientsMayComplete($event.checked)" [disabled]="!isAdmin() || busy()" data-testid="clients-may-complete-tasks">
          Clients may tick tasks done
        </mat-slide-toggle>
        <p class="hint">When on, clients can mark the tasks you share with them as done; you see who ticked them. When off, shared tasks are read-only for clients.</p>
      } @else {
        <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Loading" />
      }
    </section>

    <section class="card section-card" aria-labelledby="types-title">
      <h2 id="types-title">Engagement types</h2>
      <p class="card-intro">Staff choose a type (and a subtype, when it has any) for each engagement; clients see both. A type in use cannot be deleted.</p>
      @if (types(); as list) {
        <ol class="types">
          @for (t of list; track t.id; let first = $first; let last = $last) {
            <li class="type" [attr.data-testid]="'type-' + t.id">
              <div class="row">
                <ng-container *ngTemplateOutlet="typeRow; context: { $implicit: t, first, last, kind: 'type' }" />
              </div>
              <ul class="subtypes">
                @for (s of t.subtypes; track s.id; let sf = $first; let sl = $last) {
                  <li class="row">
                    <ng-container *ngTemplateOutlet="typeRow; context: { $implicit: s, first: sf, last: sl, kind: 'subtype' }" />
                  </li>
                }
                @if (isAdmin()) {
                  <li class="add-sub">
                    @if (addingTo() === t.id) {
                      <form class="inline" (ngSubmit)="add(t.id)" aria-label="New subtype">
                        <mat-form-field subscriptSizing="dynamic">
                          <mat-label>Subtype of {{ t.name }}</mat-label>
                          <input matInput name="name" [(ngModel)]="draft" required maxlength="100" data-testid="new-subtype-name" />
                        </mat-form-field>
                        <button mat-flat-button type="submit" [disabled]="busy()">Add</button>
                        <button mat-button type="button" (click)="addingTo.set(null)">Cancel</button>
                      </form>
                    } @else {
                      <button mat-button type="button" (click)="startAdd(t.id)"><app-icon matButtonIcon name="add" />Add subtype</button>
                    }
                  </li>
                }
              </ul>
            </li>
          } @empty {
            <li class="muted">No types. Engagements can still be created without one.</li>
          }
        </ol>
        @if (isAdmin()) {
          <form class="inline new-type" (ngSubmit)="add(null)" aria-label="New type">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>New type</mat-label>
              <input matInput name="newType" [(ngModel)]="newType" maxlength="100" placeholder="e.g. Naturalization" data-testid="new-type-name" />
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy() || !newType.trim()" data-testid="add-type"><app-icon matButtonIcon name="add" />Add type</button>
          </form>
        }
      } @else {
        <mat-progress-spinner mode="indeterminate" diameter="28" aria-label="Loading the types" />
      }
    </section>
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    :host {
      display: block;
      max-width: 52rem;
    }
    .alert app-icon {
      --app-icon-size: 20px;
    }
    .section-card {
      margin-top: 1.25rem;
    }
    .hint {
      margin: 0.35rem 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .types {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .type {
      padding: 0.5rem 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .row {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      min-height: 40px;
    }
    .name {
      font: var(--mat-sys-title-medium);
      font-weight: 600;
    }
    .subtypes {
      list-style: none;
      margin: 0 0 0 1.5rem;
      padding: 0;
    }
    .sub-name::before {
      content: '›';
      margin-right: 0.5rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .row-actions {
      display: inline-flex;
      flex: none;
      button app-icon {
        margin: 0;
        --app-icon-size: 20px;
      }
    }
    .inline {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      padding: 0.25rem 0;
      mat-form-field {
        flex: 1 1 14rem;
      }
    }
    .new-type {
      margin-top: 1rem;
      padding-top: 1rem;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EngagementTypesPage {
  private readonly api = inject(EngagementsApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly isAdmin = computed(() => this.auth.staffMe()?.role === 'admin');

  private readonly typesResource = rxResource({ stream: () => this.api.types() });
  protected readonly types = computed(() => (this.typesResource.hasValue() ? this.typesResource.value() : null));
  private readonly settingsResource = rxResource({ stream: () => this.api.settings() });
  protected readonly settings = computed(() => (this.settingsResource.hasValue() ? this.settingsResource.value() : null));
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly editing = signal<string | null>(null);
  protected readonly addingTo = signal<string | null>(null);
  protected draft = '';
  protected newType = '';

  private async run<T>(call: Observable<T>): Promise<T | null> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      return await firstValueFrom(call);
    } catch (error: unknown) {
      const p = toProblem(error);
      this.problem.set(problemSlug(p) === 'type-exists' ? { ...p, detail: p.errors?.[0]?.message ?? p.detail } : p);
      return null;
    } finally {
      this.busy.set(false);
    }
  }

  private show(list: EngagementType[] | null): void {
    if (list) this.typesResource.set(list);
  }

  protected async setClientsMayComplete(on: boolean): Promise<void> {
    const saved = await this.run(this.api.updateSettings({ clientsMayCompleteTasks: on }));
    if (saved) {
      this.settingsResource.set(saved);
      this.snackBar.open(on ? 'Clients may now tick shared tasks done.' : 'Shared tasks are read-only for clients.', 'Close', { duration: 5000 });
    } else this.settingsResource.reload();
  }

  protected startEdit(t: EngagementType | EngagementSubtype): void {
    this.addingTo.set(null);
    this.draft = t.name;
    this.editing.set(t.id);
  }

  protected startAdd(parentId: string): void {
    this.editing.set(null);
    this.draft = '';
    this.addingTo.set(parentId);
  }

  protected async rename(t: EngagementType | EngagementSubtype): Promise<void> {
    const name = this.draft.trim();
    if (!name) return;
    const list = await this.run(this.api.updateType(t.id, { name }));
    if (list) {
      this.show(list);
      this.editing.set(null);
    }
  }

  protected async add(parentId: string | null): Promise<void> {
    const name = (parentId ? this.draft : this.newType).trim();
    if (!name) return;
    const list = await this.run(this.api.createType({ name, parentId }));
    if (list) {
      this.show(list);
      if (parentId) this.addingTo.set(null);
      else this.newType = '';
    }
  }

  /** Moves one place up or down among its siblings: the siblings are numbered again 0, 1, 2… (only changed ones are sent). */
  protected async move(t: EngagementType | EngagementSubtype, by: -1 | 1): Promise<void> {
    const all = this.types() ?? [];
    const siblings: readonly (EngagementType | EngagementSubtype)[] = all.some((x) => x.id === t.id)
      ? all
      : (all.find((x) => x.subtypes.some((s) => s.id === t.id))?.subtypes ?? []);
    const order = [...siblings];
    const i = order.findIndex((x) => x.id === t.id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j], order[i]];
    let list: EngagementType[] | null = null;
    for (const [position, x] of order.entries()) {
      if (x.position === position) continue;
      list = await this.run(this.api.updateType(x.id, { position }));
      if (!list) break;
    }
    if (list) this.show(list);
    else this.typesResource.reload();
  }

  protected async remove(t: EngagementType | EngagementSubtype): Promise<void> {
    const isType = 'subtypes' in t;
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData, unknown>(ConfirmDialog, {
      data: {
        title: `Delete “${t.name}”?`,
        body: [
          isType && t.subtypes.length ? `Its ${t.subtypes.length} subtype${t.subtypes.length === 1 ? '' : 's'} go with it.` : 'It disappears from the list.',
          'A type that engagements use cannot be deleted: change their type first.',
        ],
        confirmLabel: 'Delete',
        busyLabel: 'Deleting…',
        destructive: true,
        action: () => this.api.removeType(t.id),
      },
      width: '28rem',
      maxWidth: 'calc(100vw - 2rem)',
    });
    if (await firstValueFrom(ref.afterClosed())) this.typesResource.reload();
  }
}
